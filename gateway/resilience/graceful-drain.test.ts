import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GracefulDrain } from './graceful-drain';

/**
 * A real node:http server whose /slow answers after `release()` is called, so a
 * test decides exactly when an in-flight request ends.
 */
async function startServer() {
  const drain = new GracefulDrain();
  const pending: (() => void)[] = [];
  let arrived = 0;
  const server = http.createServer((req, res) => {
    drain.track(res);
    arrived++;
    if (req.url === '/slow') {
      pending.push(() => res.end('slow done'));
      return;
    }
    res.end('fast');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const release = () => pending.splice(0).forEach((end) => end());
  const waitForArrivals = async (n: number) => {
    while (arrived < n) await new Promise((resolve) => setTimeout(resolve, 5));
  };
  return { drain, server, url, release, waitForArrivals };
}

/** One request on its own connection, as the body text. */
function get(url: string, agent?: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('GracefulDrain', () => {
  it('lets an in-flight request finish, then closes; new connections are refused', async () => {
    const { drain, server, url, release, waitForArrivals } = await startServer();
    const agent = new http.Agent({ keepAlive: true });
    expect((await get(`${url}/fast`, agent)).body).toBe('fast'); // an idle keep-alive socket
    const inFlight = get(`${url}/slow`);
    await waitForArrivals(2);
    const drained = drain.drain(server, 5_000);
    expect(drain.isDraining).toBe(true);
    await expect(get(`${url}/fast`)).rejects.toThrow(/ECONNREFUSED/);
    release();
    expect(await inFlight).toEqual({ status: 200, body: 'slow done' });
    expect(await drained).toEqual({ cut: 0 });
    expect(drain.inFlightCount).toBe(0);
    agent.destroy();
  });

  it('cuts requests still running at the deadline', async () => {
    const { drain, server, url, waitForArrivals } = await startServer();
    const inFlight = get(`${url}/slow`).catch((error: Error) => error);
    await waitForArrivals(1);
    const started = Date.now();
    expect(await drain.drain(server, 100)).toEqual({ cut: 1 });
    expect(Date.now() - started).toBeLessThan(2_000);
    // The client sees its connection reset (jest's realm breaks instanceof Error here).
    expect(await inFlight).toMatchObject({ code: 'ECONNRESET' });
  });

  it('closes at once when nothing is in flight', async () => {
    const { drain, server } = await startServer();
    const started = Date.now();
    expect(await drain.drain(server, 5_000)).toEqual({ cut: 0 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
