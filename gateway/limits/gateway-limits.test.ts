import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import { createLogger } from '../../subgraphs/shared/logger';
import { ANONYMOUS } from '../../subgraphs/shared/requester';
import { DEFAULT_COST_WEIGHTS } from './cost';
import { GatewayLimits } from './gateway-limits';
import type { GatewayLimitsConfig } from './limits-config';
import { sha256Hex } from './persisted-queries';

const SDL = `type Query { hello: String  items(first: Int = 5): [Item!]! }
             type Item { id: ID!  children(first: Int = 5): [Item!]! }`;
const schema = buildSchema(SDL);

const CONFIG: GatewayLimitsConfig = {
  maxBodyBytes: 2_000,
  query: {
    maxDepth: 3,
    maxAliases: 2,
    maxCost: 100,
    maxTokens: 200,
    weights: DEFAULT_COST_WEIGHTS,
  },
  rate: { perMinute: 60, burst: 2, trustProxyHops: 0 },
  persistedQueries: { mode: 'automatic', safelist: [] },
};

/**
 * GatewayLimits in front of a real Apollo Server (a small schema instead of the
 * federated one), over real HTTP. A plugin records the query text Apollo's
 * plugins see, which is what the policy rewrite works on.
 */
describe('GatewayLimits', () => {
  const seenByPlugins: (string | undefined)[] = [];
  let apollo: ApolloServer;
  let server: http.Server;
  let url: string;
  let now = 0;

  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: SDL,
      resolvers: { Query: { hello: () => 'world', items: () => [] } },
      persistedQueries: false,
      plugins: [{ requestDidStart: async ({ request }) => void seenByPlugins.push(request.query) }],
    });
    await apollo.start();
    const limits = new GatewayLimits(
      CONFIG,
      () => schema,
      createLogger('gateway', 'silent'),
      () => now,
    );
    server = http.createServer((req, res) => {
      const target = new URL(req.url ?? '/', 'http://localhost');
      const requester = req.headers.authorization
        ? { ...ANONYMOUS, subject: req.headers.authorization }
        : ANONYMOUS;
      limits
        .serve(apollo, req, res, target, requester, async () => ({}))
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await apollo.stop();
  });

  let subject = 0;
  const post = async (body: unknown, contentType = 'application/json') => {
    // A fresh subject per request keeps the rate limit out of the other tests.
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `s${subject++}` },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const reasonOf = (body: Record<string, unknown>) =>
    (body.errors as { extensions: { reason?: string; code: string } }[])[0]!.extensions;

  it('passes requests within the limits to Apollo unchanged', async () => {
    expect(await post({ query: '{ hello }' })).toEqual({
      status: 200,
      body: { data: { hello: 'world' } },
    });
  });

  it('refuses each limit before Apollo sees the request', async () => {
    const before = seenByPlugins.length;
    expect(
      reasonOf((await post({ query: '{ items { children { children { id } } } }' })).body),
    ).toMatchObject({ reason: 'MAX_DEPTH' });
    expect(reasonOf((await post({ query: '{ a: hello b: hello c: hello }' })).body)).toMatchObject({
      reason: 'MAX_ALIASES',
    });
    expect(
      reasonOf((await post({ query: '{ items(first: 50) { children { id } } }' })).body),
    ).toMatchObject({ reason: 'MAX_COST', measured: 300 });
    expect(reasonOf((await post({ query: `{ ${'hello '.repeat(300)}}` })).body)).toMatchObject({
      reason: 'MAX_TOKENS',
    });
    const big = await post({ query: '{ hello }', variables: { pad: 'x'.repeat(3000) } });
    expect(big.status).toBe(413);
    expect(reasonOf(big.body)).toMatchObject({ reason: 'MAX_BODY_BYTES', limit: 2000 });
    expect(seenByPlugins.length).toBe(before);
  });

  it('resolves a persisted query to text before Apollo plugins run', async () => {
    const query = '{ hello }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    expect(reasonOf((await post({ extensions })).body).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query, extensions })).body).toEqual({ data: { hello: 'world' } });
    expect((await post({ extensions })).body).toEqual({ data: { hello: 'world' } });
    expect(seenByPlugins.at(-1)).toBe(query);
    // Over GET too (Apollo's CSRF prevention wants a preflight header).
    const search = new URLSearchParams({ extensions: JSON.stringify(extensions) });
    const get = await fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': '1' } });
    expect(await get.json()).toEqual({ data: { hello: 'world' } });
    expect(seenByPlugins.at(-1)).toBe(query);
  });

  it('does not store a registration that breaks a limit', async () => {
    const query = '{ items(first: 99) { children { id } } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    expect(reasonOf((await post({ query, extensions })).body).reason).toBe('MAX_COST');
    expect(reasonOf((await post({ extensions })).body).code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('leaves malformed requests to the same answers as before', async () => {
    const bad = await post('{ not json', 'application/json');
    expect(bad).toEqual({
      status: 400,
      body: {
        errors: [{ message: 'Body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
      },
    });
    expect((await post('{ hello }', 'text/plain')).status).toBe(400);
    expect((await post([{ query: '{ hello }' }])).status).toBe(400); // batching is off
  });

  it('rate-limits one client with 429 and Retry-After', async () => {
    const send = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'same' },
        body: '{"query":"{ hello }"}',
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const limited = await send();
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect(reasonOf((await limited.json()) as Record<string, unknown>).reason).toBe('RATE_LIMITED');
    now += 1_000;
    expect((await send()).status).toBe(200);
  });
});
