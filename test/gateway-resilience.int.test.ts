import fs from 'node:fs';
import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../cli/stack/service-process';
import { SUBGRAPHS, type SubgraphName } from '../cli/stack/stack-options';
import type { Person } from '../generator/population';
import { loadOrCreateDevSecrets } from '../subgraphs/shared/config/dev-secrets';
import { FaultProxy } from './helpers/fault-proxy';
import { makeTempDir } from './helpers/temp-dir';
import { startTestStack, type TestStack } from './helpers/test-stack';

interface GraphQLAnswer {
  status: number;
  requestId: string | null;
  ms: number;
  data?: { patient: PatientData | null } | null;
  errors?: { message: string; path?: unknown; extensions?: Record<string, unknown> }[];
}

interface PatientData {
  id: string;
  birthDate?: string;
  conditions?: { code: { coding: { code: string }[] } }[];
  glucose?: { unit: string; buckets: { count: number }[] } | null;
}

const TIMEOUT_MS = 3_000;
const METRICS_TOKEN = 'resilience-test-metrics-token';
const QUERY = `query Resilience($id: ID!, $from: String!, $to: String!) {
  patient(id: $id) {
    id birthDate
    conditions { code { coding { code } } }
    glucose(from: $from, to: $to, bucket: "1d") { unit buckets { count } }
  }
}`;
const IDENTITY_ONLY = 'query Demographics($id: ID!) { patient(id: $id) { id birthDate } }';
const WINDOW = { from: '2026-11-18T00:00:00-05:00', to: '2026-11-20T00:00:00-05:00' };

/**
 * Keep serving: the real stack (anvil, four subgraph processes, the gateway
 * process), plus a second gateway process ("edge") whose subgraphs sit behind
 * fault proxies that make one of them fail, hang or vanish on demand. A failing
 * subgraph costs its own fields only (null, with UPSTREAM_UNAVAILABLE naming
 * it); the gateway stays up and answers everything else; /readyz, /metrics, the
 * access log and graceful shutdown are checked on the running processes.
 */
describe('gateway resilience', () => {
  const temp = makeTempDir('resilience');
  const logFile = path.join(temp.dir, 'edge-gateway.log');
  let t: TestStack;
  let token: string;
  let person: Person;
  let patientId: string;
  const proxies = {} as Record<SubgraphName, FaultProxy>;
  let edge: ServiceProcess;
  const edgeRequestIds: string[] = [];

  const baseOf = (graphqlUrl: string) => graphqlUrl.replace(/\/graphql$/, '');

  async function post(
    url: string,
    query: string,
    variables: Record<string, unknown>,
    bearer = token,
  ): Promise<GraphQLAnswer> {
    const started = Date.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLAnswer, 'status' | 'requestId' | 'ms'>;
    const requestId = response.headers.get('x-request-id');
    if (url === edge?.url && requestId) edgeRequestIds.push(requestId);
    return { status: response.status, requestId, ms: Date.now() - started, ...body };
  }

  const full = (url = edge.url) => post(url, QUERY, { id: patientId, ...WINDOW });

  /** Polls /readyz until it answers `status` (readiness results are cached ~1 s). */
  async function readyzUntil(base: string, status: number) {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const response = await fetch(`${base}/readyz`);
      const body = (await response.json()) as { status: string; unreachable?: string[] };
      if (response.status === status || Date.now() > deadline)
        return { status: response.status, body };
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  function expectOnlyWearablesMissing(answer: GraphQLAnswer, reason: string) {
    expect(answer.status).toBe(200);
    // identity and ehr-fhir still answer...
    expect(answer.data?.patient).toMatchObject({ id: patientId, birthDate: person.birthDate });
    expect(answer.data!.patient!.conditions!.length).toBeGreaterThan(0);
    // ...and the dead subgraph's field is null, with one typed error naming it.
    expect(answer.data!.patient!.glucose).toBeNull();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      subgraph: 'wearables',
      serviceName: 'wearables',
      reason,
    });
    // No internals: no addresses, ports, stacks.
    expect(JSON.stringify(answer.errors)).not.toMatch(/127\.0\.0\.1|http:|stack|Error:/);
  }

  beforeAll(async () => {
    t = await startTestStack({ size: 2 });
    token = await t.token({ org: 'riverside-health' });
    person = t.people[0]!; // has a CGM, and consent for riverside-health
    const found = await post(
      t.stack.gatewayUrl,
      'query($name: String, $birthDate: String) { patients(name: $name, birthDate: $birthDate) { edges { node { id } } } }',
      { name: `${person.name.family} ${person.name.given[0]}`, birthDate: person.birthDate },
    );
    patientId = (found.data as unknown as { patients: { edges: { node: { id: string } }[] } })
      .patients.edges[0]!.node.id;

    for (const name of SUBGRAPHS)
      proxies[name] = await FaultProxy.start(t.stack.subgraphUrls[name]);
    const secrets = loadOrCreateDevSecrets({ ...process.env, PATIENTGRAPH_HOME: t.stack.home });
    edge = await startServiceProcess({
      name: 'gateway',
      entry: 'gateway/main.ts',
      env: {
        ...process.env,
        PATIENTGRAPH_HOME: t.stack.home,
        CHAIN_RPC_URL: t.stack.chain.rpcUrl,
        // Its own audit chain next to the stack gateway's (`gateway`).
        AUDIT_LOG_ID: 'gateway-edge',
        HOST: '127.0.0.1',
        GATEWAY_PORT: '0',
        LOG_LEVEL: 'info',
        GATEWAY_ASSERTION_PRIVATE_KEY: secrets.assertionPrivateKeyPem,
        SUBGRAPHS: SUBGRAPHS.map((name) => `${name}=${proxies[name].url('/graphql')}`).join(','),
        SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
        METRICS_TOKEN,
      },
      logFile,
    });
  }, 240_000);

  afterAll(async () => {
    await edge?.stop();
    for (const proxy of Object.values(proxies)) await proxy.close();
    await t?.stop();
    temp.cleanup();
  });

  afterEach(() => {
    for (const proxy of Object.values(proxies)) proxy.mode = { kind: 'pass' };
  });

  it('answers in full while every subgraph is up, and both gateways are ready', async () => {
    const answer = await full();
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.patient!.glucose!.buckets.map((b) => b.count)).toEqual([288, 288]);
    expect(answer.requestId).toMatch(/^[0-9a-f-]{36}$/);
    for (const base of [baseOf(edge.url), baseOf(t.stack.gatewayUrl)]) {
      expect(await readyzUntil(base, 200)).toEqual({ status: 200, body: { status: 'ready' } });
    }
  });

  it('gives partial data and UPSTREAM_UNAVAILABLE when a subgraph answers 5xx', async () => {
    proxies.wearables.mode = { kind: 'status', status: 503 };
    const answer = await full();
    expectOnlyWearablesMissing(answer, 'HTTP_STATUS');
    expect(answer.errors![0]!.message).toBe('Subgraph wearables is unavailable (HTTP 503)');
  });

  it('gives partial data and UPSTREAM_UNAVAILABLE when a subgraph drops the connection', async () => {
    proxies.wearables.mode = { kind: 'reset' };
    const answer = await full();
    expectOnlyWearablesMissing(answer, 'UNREACHABLE');
    expect(answer.errors![0]!.message).toBe('Subgraph wearables could not be reached');
  });

  it('answers within the timeout when a subgraph hangs, and keeps answering others meanwhile', async () => {
    proxies.wearables.mode = { kind: 'delay', ms: 60_000 };
    const seen = proxies.wearables.requests;
    const slow = full().then((answer) => ({ answer, doneAt: Date.now() }));
    await proxies.wearables.waitForRequests(seen + 1); // the slow call is in flight
    const others = await Promise.all(
      [1, 2, 3].map(() => post(edge.url, IDENTITY_ONLY, { id: patientId })),
    );
    const othersDoneAt = Date.now();
    for (const other of others) {
      expect(other.errors).toBeUndefined();
      expect(other.data!.patient).toEqual({ id: patientId, birthDate: person.birthDate });
    }
    const { answer, doneAt } = await slow;
    expect(othersDoneAt).toBeLessThan(doneAt);
    expectOnlyWearablesMissing(answer, 'TIMEOUT');
    expect(answer.errors![0]!.message).toBe(
      `Subgraph wearables did not answer within ${TIMEOUT_MS} ms`,
    );
    expect(answer.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(answer.ms).toBeLessThan(TIMEOUT_MS + 3_000);
  });

  it('is not ready while a subgraph is unreachable, naming it, and ready again after', async () => {
    const base = baseOf(edge.url);
    proxies.wearables.mode = { kind: 'reset' };
    expect(await readyzUntil(base, 503)).toEqual({
      status: 503,
      body: { status: 'unavailable', composed: true, unreachable: ['wearables'] },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200); // alive all along
    proxies.wearables.mode = { kind: 'pass' };
    expect((await readyzUntil(base, 200)).status).toBe(200);
  });

  it('exposes metrics to the metrics token only, with counters and no patient data', async () => {
    // A consent denial (northside-clinic has none) and an unauthenticated call, to be counted.
    const northside = await t.token({ org: 'northside-clinic' });
    const denied = await post(edge.url, QUERY, { id: patientId, ...WINDOW }, northside);
    expect(denied.errors?.map((e) => e.extensions?.code)).toContain('CONSENT_REQUIRED');
    expect((await post(edge.url, '{ __typename }', {}, 'not-a-token')).status).toBe(401);
    await post(edge.url, '{ __typename }', {});

    const url = `${baseOf(edge.url)}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    const value = (series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : undefined;
    };
    expect(
      value('patientgraph_gateway_requests_total{operation="Resilience",status="200"}'),
    ).toBeGreaterThanOrEqual(5);
    expect(
      value('patientgraph_gateway_requests_total{operation="Demographics",status="200"}'),
    ).toBe(3);
    expect(value('patientgraph_gateway_requests_total{operation="(anonymous)",status="200"}')).toBe(
      1,
    );
    expect(value('patientgraph_gateway_requests_total{operation="(none)",status="401"}')).toBe(1);
    expect(
      value('patientgraph_gateway_request_duration_seconds_count{operation="Resilience"}'),
    ).toBeGreaterThanOrEqual(5);
    for (const reason of ['http_status', 'unreachable', 'timeout'])
      expect(
        value(
          `patientgraph_gateway_subgraph_fetch_errors_total{subgraph="wearables",reason="${reason}"}`,
        ),
      ).toBe(1);
    expect(
      value('patientgraph_gateway_subgraph_fetch_duration_seconds_count{subgraph="identity"}'),
    ).toBeGreaterThanOrEqual(8);
    // Audited responses (consent decisions under gateway custody) say how long they waited.
    expect(value('patientgraph_gateway_audit_wait_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(value('patientgraph_gateway_audit_wait_seconds_sum')).toBeGreaterThan(0);
    expect(value('patientgraph_gateway_errors_total{code="UPSTREAM_UNAVAILABLE"}')).toBe(3);
    expect(value('patientgraph_gateway_errors_total{code="UNAUTHENTICATED"}')).toBe(1);
    expect(
      value('patientgraph_gateway_errors_total{code="CONSENT_REQUIRED"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value('patientgraph_gateway_consent_denials_total{outcome="required"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(patientId);
    for (const secret of phiOf(t.people)) expect(text).not.toContain(secret);
  });

  it('writes one access-log line per request, with request id, operation, subgraph timings and no PHI', async () => {
    const lines = fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const access = lines.filter((l) => l.msg === 'request');
    const ids = access.map((l) => l.requestId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of edgeRequestIds) expect(ids).toContain(id);
    const timedOut = access.find((l) =>
      (l.subgraphs as { failed?: string }[] | undefined)?.some((s) => s.failed === 'TIMEOUT'),
    );
    expect(timedOut).toMatchObject({
      method: 'POST',
      route: '/graphql',
      status: 200,
      operation: 'Resilience',
      operationType: 'query',
      errorCodes: { UPSTREAM_UNAVAILABLE: 1 },
    });
    const calls = timedOut!.subgraphs as { subgraph: string; durationMs: number }[];
    expect(calls.map((c) => c.subgraph)).toEqual(
      expect.arrayContaining(['ehr-fhir', 'identity', 'wearables']),
    );
    expect(calls.every((c) => typeof c.durationMs === 'number')).toBe(true);
    const log = lines.map((l) => JSON.stringify(l)).join('\n');
    expect(log).not.toContain(patientId); // variables are never logged
    expect(log).not.toContain('birthDate'); // nor query text
    for (const secret of phiOf(t.people)) expect(log).not.toContain(secret);
  });

  it('finishes an in-flight request on SIGTERM, then stops', async () => {
    proxies.wearables.mode = { kind: 'delay', ms: 500 };
    const seen = proxies.wearables.requests;
    const inFlight = full();
    await proxies.wearables.waitForRequests(seen + 1);
    const exited = new Promise<number | null>((resolve) => edge.child.once('exit', resolve));
    edge.child.kill('SIGTERM');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.patient!.glucose!.buckets.map((b) => b.count)).toEqual([288, 288]);
    expect(await exited).toBe(0);
    await expect(fetch(`${baseOf(edge.url)}/healthz`)).rejects.toThrow();
    expect(fs.readFileSync(logFile, 'utf8')).toContain('"msg":"gateway draining"');
  });

  it('survives a subgraph process being killed: partial data, typed error, not ready', async () => {
    await t.stack.stopService('wearables');
    const answer = await full(t.stack.gatewayUrl);
    expectOnlyWearablesMissing(answer, 'UNREACHABLE');
    const base = baseOf(t.stack.gatewayUrl);
    expect(await readyzUntil(base, 503)).toEqual({
      status: 503,
      body: { status: 'unavailable', composed: true, unreachable: ['wearables'] },
    });
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    // The gateway keeps serving what does not need the dead subgraph.
    const other = await post(t.stack.gatewayUrl, IDENTITY_ONLY, { id: patientId });
    expect(other.errors).toBeUndefined();
  });
});

/** Identifying values of the synthetic people that must never appear in logs or metrics. */
function phiOf(people: Person[]): string[] {
  return people.flatMap((p) => [
    p.name.family,
    ...p.name.given,
    p.birthDate,
    p.ssn,
    p.phone,
    p.address.line,
    p.ids.mrn,
    p.ids.fhirPatientId,
    p.ids.hl7PatientId,
  ]);
}
