import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { GatewayOperations } from './gateway-operations';
import type { OperationsConfig } from './operations-config';

/**
 * GatewayOperations around a real node:http server on port 0 whose own handler
 * answers like the gateway's refusals do (a JSON error body), so request ids,
 * the access log, /metrics access and /readyz are checked without Apollo.
 */
describe('GatewayOperations', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const servers: http.Server[] = [];

  async function start(metrics: OperationsConfig['metrics']) {
    const operations = new GatewayOperations({
      config: { readinessTimeoutMs: 200, readinessCacheMs: 0, shutdownGraceMs: 1_000, metrics },
      subgraphTimeoutMs: 1_000,
      logger,
    });
    const seenIds: string[] = [];
    const server = http.createServer((req, res) => {
      const id = operations.requestIdOf(req);
      seenIds.push(id);
      res.writeHead(401, { 'content-type': 'application/json', 'x-request-id': id });
      res.end(
        JSON.stringify({ errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] }),
      );
    });
    operations.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { operations, server, base, seenIds };
  }

  afterAll(async () => {
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives each request an id, logs one line for it and counts its error code', async () => {
    const { base, seenIds } = await start({ access: 'open' });
    const response = await fetch(`${base}/graphql?query=%7BpatientByName(name:%22Jane%22)%7D`);
    expect(response.status).toBe(401);
    const id = response.headers.get('x-request-id');
    expect(seenIds).toEqual([id]);
    const line = lines.find((l) => l.requestId === id);
    expect(line).toMatchObject({
      msg: 'request',
      method: 'GET',
      route: '/graphql',
      status: 401,
      errorCodes: { UNAUTHENTICATED: 1 },
    });
    expect(JSON.stringify(line)).not.toContain('Jane');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain(
      'patientgraph_gateway_requests_total{operation="(none)",status="401"} 1',
    );
    expect(metrics).toContain('patientgraph_gateway_errors_total{code="UNAUTHENTICATED"} 1');
    expect(metrics).not.toContain('Jane');
  });

  it('serves /metrics by token, or not at all when off', async () => {
    const withToken = await start({ access: 'token', token: 'secret-token' });
    expect((await fetch(`${withToken.base}/metrics`)).status).toBe(401);
    const authorized = await fetch(`${withToken.base}/metrics`, {
      headers: { authorization: 'Bearer secret-token' },
    });
    expect(authorized.status).toBe(200);
    expect(await authorized.text()).toContain('# TYPE patientgraph_gateway_requests_total counter');
    const off = await start({ access: 'off' });
    expect((await fetch(`${off.base}/metrics`)).status).toBe(404);
  });

  it('is not ready before a supergraph is loaded, and logs its drain on close', async () => {
    const { operations, server, base } = await start({ access: 'open' });
    const before = await fetch(`${base}/readyz`);
    expect(before.status).toBe(503);
    expect(await before.json()).toEqual({
      status: 'unavailable',
      composed: false,
      unreachable: [],
    });
    await operations.close(server);
    expect(lines.some((l) => l.msg === 'gateway draining')).toBe(true);
    await expect(fetch(`${base}/readyz`)).rejects.toThrow();
  });
});
