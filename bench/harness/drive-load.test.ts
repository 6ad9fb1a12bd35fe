import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { driveLoad, summarizeLoad } from './drive-load';

describe('driveLoad (autocannon against a real local server)', () => {
  let server: http.Server;
  let url: string;
  let served = 0;
  const bodies: string[] = [];

  beforeAll(async () => {
    // Every 4th request fails with a 500, every 4th (offset 2) carries GraphQL errors.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push(Buffer.concat(chunks).toString());
        served++;
        if (served % 4 === 0) return void res.writeHead(500).end('{"errors":[{"message":"x"}]}');
        const body = served % 4 === 2 ? '{"data":null,"errors":[{"message":"y"}]}' : '{"data":{}}';
        res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('counts responses, non-2xx and GraphQL errors separately, and sends the body', async () => {
    const result = await driveLoad({
      url,
      body: '{"query":"{ __typename }"}',
      connections: 2,
      amount: 40,
    });
    expect(result.requests).toBe(40);
    expect(result.non2xx).toBe(10);
    expect(result.graphqlErrors).toBe(10);
    expect(result.transportErrors).toBe(0);
    expect(result.latencyMs.p50).toBeGreaterThan(0);
    expect(result.latencyMs.p99).toBeGreaterThanOrEqual(result.latencyMs.p95);
    expect(result.rps).toBeGreaterThan(0);
    expect(bodies.every((b) => b === '{"query":"{ __typename }"}')).toBe(true);
  });
});

describe('summarizeLoad', () => {
  it('pools latencies and adds counts and durations of several runs', () => {
    const run = (latenciesMs: number[], durationSeconds: number, non2xx: number) => ({
      durationSeconds,
      latenciesMs,
      perSecond: [latenciesMs.length],
      non2xx,
      graphqlErrors: 1,
      transportErrors: 0,
      timeouts: 0,
    });
    const result = summarizeLoad([run([10, 20, 30], 1, 1), run([40], 1, 0)]);
    expect(result).toMatchObject({
      requests: 4,
      durationSeconds: 2,
      rps: 2,
      non2xx: 1,
      graphqlErrors: 2,
      perSecond: [3, 1],
    });
    expect(result.latencyMs).toMatchObject({ p50: 20, p99: 40, max: 40, mean: 25 });
  });
});
