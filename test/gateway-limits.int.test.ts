import fs from 'node:fs';
import path from 'node:path';
import { loadGatewayConfig } from '../gateway/config';
import { sha256Hex } from '../gateway/limits/persisted-queries';
import { startGateway, type RunningGateway } from '../gateway/server';
import { makeTempDir } from './helpers/temp-dir';
import { startTestStack, type TestStack } from './helpers/test-stack';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/**
 * The gateway's limits against abuse, on the real stack: the gateway process as
 * `npm start` runs it (default depth, alias, cost and body limits; a tiny rate
 * limit set through the environment), plus two gateways started in this process
 * from the same configuration loader (safelist mode, production mode) in front of
 * the same subgraphs.
 */
describe('gateway limits', () => {
  const RATE = { perMinute: 30, burst: 5 };
  const temp = makeTempDir('limits');
  let t: TestStack;
  let patientId: string;
  const extra: RunningGateway[] = [];

  /** One subject per test, so each test has its own rate-limit bucket. */
  const tokenFor = (name: string) =>
    t.token({ org: 'riverside-health', subject: `limits:${name}` });

  async function post(
    body: unknown,
    options: { token?: string; url?: string } = {},
  ): Promise<{ status: number; headers: Headers; body: GraphQLBody }> {
    const response = await fetch(options.url ?? t.stack.gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as GraphQLBody,
    };
  }

  /** A gateway in this process with the stack's subgraphs and secrets, and `env` on top. */
  async function startExtraGateway(
    env: Record<string, string>,
    production = false,
  ): Promise<RunningGateway> {
    const config = loadGatewayConfig({
      PATIENTGRAPH_HOME: t.stack.home,
      HOST: '127.0.0.1',
      GATEWAY_PORT: '0',
      LOG_LEVEL: 'warn',
      SUBGRAPHS: Object.entries(t.stack.subgraphUrls)
        .map(([name, url]) => `${name}=${url}/graphql`)
        .join(','),
      // Each gateway process keeps an audit chain of its own (the stack's is `gateway`).
      AUDIT_LOG_ID: `gateway-extra-${extra.length + 1}`,
      CHAIN_RPC_URL: t.stack.chain.rpcUrl,
      ...env,
    });
    const gateway = await startGateway({ ...config, production });
    extra.push(gateway);
    return gateway;
  }

  beforeAll(async () => {
    t = await startTestStack({
      size: 2,
      env: {
        RATE_LIMIT_PER_MINUTE: String(RATE.perMinute),
        RATE_LIMIT_BURST: String(RATE.burst),
      },
    });
    const found = await post(
      { query: '{ patients(first: 1) { edges { node { id } } } }' },
      { token: await tokenFor('setup') },
    );
    const edges = (found.body.data?.patients as { edges: { node: { id: string } }[] }).edges;
    patientId = edges[0]!.node.id;
  }, 180_000);

  afterAll(async () => {
    for (const gateway of extra) await gateway.close();
    await t?.stop();
    temp.cleanup();
  });

  it('refuses a depth bomb (recursive introspection) before running it', async () => {
    const token = await tokenFor('depth');
    // __Type.ofType is a __Type: a cycle in every schema that graphql-js's own
    // introspection-depth rule does not count (it counts fields/interfaces/...).
    const nest = (levels: number): string =>
      levels === 0 ? 'name' : `ofType { ${nest(levels - 1)} }`;
    const within = await post({ query: `{ __type(name: "Patient") { ${nest(13)} } }` }, { token });
    expect(within.status).toBe(200);
    expect(within.body).toEqual({ data: { __type: { ofType: null } } });
    const bomb = await post({ query: `{ __type(name: "Patient") { ${nest(30)} } }` }, { token });
    expect(bomb.status).toBe(400);
    expect(bomb.body).toEqual({
      errors: [
        {
          message: 'Query is 32 levels deep; the limit is 15',
          extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_DEPTH', measured: 32, limit: 15 },
        },
      ],
    });
  });

  it('refuses an alias bomb', async () => {
    const token = await tokenFor('aliases');
    const aliased = (n: number) =>
      `query($id: ID!) { ${Array.from({ length: n }, (_, i) => `p${i}: patient(id: $id) { id }`).join(' ')} }`;
    const within = await post({ query: aliased(30), variables: { id: patientId } }, { token });
    expect(within.body.errors).toBeUndefined();
    expect(within.body.data?.p29).toEqual({ id: patientId });
    const bomb = await post({ query: aliased(200), variables: { id: patientId } }, { token });
    expect(bomb.status).toBe(400);
    expect(bomb.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'MAX_ALIASES',
      measured: 200,
      limit: 30,
    });
  });

  it('refuses a cost bomb (nested lists with big sizes), also through variables', async () => {
    const token = await tokenFor('cost');
    const query = `query($n: Int!) { patients(first: 100) { edges { node {
        observations(first: $n) { code { coding { code } } component { code { coding { code } } } } } } } }`;
    const small = await post({ query, variables: { n: 1 } }, { token });
    expect(small.status).toBe(200);
    expect(small.body.errors).toBeUndefined();
    const bomb = await post({ query, variables: { n: 1000 } }, { token });
    expect(bomb.status).toBe(400);
    const extensions = bomb.body.errors![0]!.extensions!;
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'MAX_COST', limit: 50_000 });
    // 100 edges x (edge + node + 1000 x (observation + code + 10 codings + 10 x (component + code + 10 codings)))
    expect(extensions.measured).toBe(1 + 100 * (2 + 1000 * (1 + 11 + 10 * 12)));
  });

  it('refuses an oversized body with 413 and the measured size', async () => {
    const token = await tokenFor('body');
    const body = JSON.stringify({
      query: 'query($pad: String) { __typename }',
      variables: { pad: 'x'.repeat(1_100_000) },
    });
    const result = await post(body, { token });
    expect(result.status).toBe(413);
    expect(result.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'MAX_BODY_BYTES',
      measured: Buffer.byteLength(body),
      limit: 1_000_000,
    });
  });

  it('rate-limits per subject with 429 and Retry-After, then recovers', async () => {
    const token = await tokenFor('rate');
    const other = await tokenFor('rate-other');
    const statuses: number[] = [];
    for (let i = 0; i < RATE.burst; i++)
      statuses.push((await post({ query: '{ __typename }' }, { token })).status);
    expect(statuses).toEqual(Array(RATE.burst).fill(200));
    const limited = await post({ query: '{ __typename }' }, { token });
    expect(limited.status).toBe(429);
    // 30 a minute: a token every 2 s, so the wait is 1 or 2 s depending on elapsed time.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect([1, 2]).toContain(retryAfter);
    expect(limited.body.errors![0]!.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'RATE_LIMITED',
      limit: RATE.perMinute,
      retryAfterSeconds: retryAfter,
    });
    // Another subject has its own bucket.
    expect((await post({ query: '{ __typename }' }, { token: other })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    const recovered = await post({ query: '{ __typename }' }, { token });
    expect(recovered.status).toBe(200);
    expect(recovered.body.data).toEqual({ __typename: 'Query' });
  });

  it('serves automatic persisted queries: not found, registered with its hash, then by hash', async () => {
    const token = await tokenFor('apq');
    const query = 'query PatientGender($id: ID!) { patient(id: $id) { id gender } }';
    const hash = sha256Hex(query);
    const extensions = { persistedQuery: { version: 1, sha256Hash: hash } };
    const variables = { id: patientId };

    const missing = await post({ extensions, variables }, { token });
    expect(missing.status).toBe(200);
    expect(missing.body.errors).toEqual([
      {
        message: 'PersistedQueryNotFound',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', reason: 'PERSISTED_QUERY_NOT_FOUND' },
      },
    ]);
    const wrongHash = await post({ query: `${query} `, extensions, variables }, { token });
    expect(wrongHash.status).toBe(400);
    expect(wrongHash.body.errors![0]!.extensions!.reason).toBe('PERSISTED_QUERY_HASH_MISMATCH');

    const registered = await post({ query, extensions, variables }, { token });
    expect(registered.body.errors).toBeUndefined();
    const byHash = await post({ extensions, variables }, { token });
    expect(byHash.status).toBe(200);
    expect(byHash.body).toEqual(registered.body);
    expect((byHash.body.data?.patient as { id: string }).id).toBe(patientId);

    // The same over GET, as APQ clients send cacheable queries.
    const search = new URLSearchParams({
      extensions: JSON.stringify(extensions),
      variables: JSON.stringify(variables),
    });
    const get = await fetch(`${t.stack.gatewayUrl}?${search}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(await get.json()).toEqual(registered.body);
  });

  it('applies the policy rewrite to persisted queries: anonymous hash-only gets null + UNAUTHENTICATED', async () => {
    const query = 'query PatientName($id: ID!) { patient(id: $id) { id name { family } } }';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } };
    // Registered by a clinician who may see names...
    const clinician = await post(
      { query, extensions, variables: { id: patientId } },
      { token: await tokenFor('policy') },
    );
    expect(clinician.body.errors).toBeUndefined();
    expect((clinician.body.data?.patient as { name: unknown[] }).name.length).toBeGreaterThan(0);
    // ...then used by hash alone without a token: the persisted text carries no rights.
    const anonymous = await post({ extensions, variables: { id: patientId } });
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data).toEqual({ patient: { id: patientId, name: null } });
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  it('in safelist mode runs only registered operations', async () => {
    const dir = path.join(temp.dir, 'safelist');
    fs.mkdirSync(path.join(dir, 'patients'), { recursive: true });
    const byId = 'query PatientById($id: ID!) { patient(id: $id) { id gender } }';
    fs.writeFileSync(path.join(dir, 'patients', 'by-id.graphql'), byId);
    const manifestBody = 'query Typename { __typename }';
    fs.writeFileSync(
      path.join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id: 'typename-v1', name: 'Typename', type: 'query', body: manifestBody }],
      }),
    );
    const gateway = await startExtraGateway({ PERSISTED_QUERIES: 'safelist', SAFELIST_FILE: dir });
    const token = await tokenFor('safelist');
    const url = gateway.url;
    const variables = { id: patientId };

    const unregistered = await post(
      { query: 'query($id: ID!) { patient(id: $id) { id birthDate } }', variables },
      { token, url },
    );
    expect(unregistered.status).toBe(400);
    expect(unregistered.body.errors![0]).toEqual({
      message: expect.stringContaining('not a registered operation'),
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
    const unknownId = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'nope' } } },
      { token, url },
    );
    expect(unknownId.body.errors![0]!.extensions!.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const expected = { data: { patient: { id: patientId, gender: expect.any(String) } } };
    const viaId = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'patients/by-id' } }, variables },
      { token, url },
    );
    expect(viaId.body).toEqual(expected);
    const viaDocumentId = await post(
      { documentId: `sha256:${sha256Hex(byId)}`, variables },
      { token, url },
    );
    expect(viaDocumentId.body).toEqual(expected);
    const viaText = await post({ query: byId, variables }, { token, url });
    expect(viaText.body).toEqual(expected);
    const manifest = await post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: 'typename-v1' } } },
      { token, url },
    );
    expect(manifest.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('turns introspection off in production, and never serves a landing page', async () => {
    const production = await startExtraGateway({}, true);
    const introspection = { query: '{ __schema { queryType { name } } }' };
    const dev = await post(introspection, { token: await tokenFor('introspection') });
    expect(dev.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const refused = await post(introspection, { url: production.url });
    expect(refused.status).toBe(400);
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors![0]!.extensions!.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(refused.body.errors![0]!.message).toContain('introspection is not allowed');

    for (const url of [production.url, t.stack.gatewayUrl]) {
      const page = await fetch(url, { headers: { accept: 'text/html' } });
      expect(page.headers.get('content-type')).not.toContain('text/html');
      expect(await page.text()).not.toMatch(/<html/i);
    }
  });
});
