import { driveRequests } from './drive-requests';

describe('driveRequests', () => {
  it('sends exactly `amount` numbered requests over the connections and times each', async () => {
    const seen: number[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const sample = await driveRequests({
      connections: 3,
      amount: 10,
      send: async (n) => {
        seen.push(n);
        mostInFlight = Math.max(mostInFlight, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight--;
        return { ok: true, graphqlErrors: false };
      },
    });
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(mostInFlight).toBe(3);
    expect(sample.latenciesMs).toHaveLength(10);
    expect(Math.min(...sample.latenciesMs)).toBeGreaterThanOrEqual(4);
  });

  it('counts non-2xx answers, GraphQL errors, transport errors and timeouts apart', async () => {
    const outcomes = [
      () => ({ ok: false, graphqlErrors: false }),
      () => ({ ok: true, graphqlErrors: true }),
      () => {
        throw new Error('ECONNRESET');
      },
      () => {
        throw Object.assign(new Error('timed out'), { name: 'TimeoutError' });
      },
      () => ({ ok: true, graphqlErrors: false }),
    ];
    const sample = await driveRequests({
      connections: 1,
      amount: outcomes.length,
      send: async (n) => outcomes[n]!(),
    });
    expect(sample).toMatchObject({ non2xx: 1, graphqlErrors: 1, transportErrors: 1, timeouts: 1 });
    // Failed transports have no latency: only answered requests are timed.
    expect(sample.latenciesMs).toHaveLength(3);
  });

  it('stops starting requests at the deadline and lets the ones in flight finish', async () => {
    let finished = 0;
    const sample = await driveRequests({
      connections: 2,
      durationSeconds: 0.05,
      send: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        finished++;
        return { ok: true, graphqlErrors: false };
      },
    });
    expect(sample.latenciesMs).toHaveLength(finished);
    expect(finished).toBeGreaterThanOrEqual(4);
    expect(sample.durationSeconds).toBeGreaterThanOrEqual(0.05);
  });
});
