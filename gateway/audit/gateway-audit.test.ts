import http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { buildSubgraphSchema } from '@apollo/subgraph';
import { graphql } from 'graphql';
import { AUDIT_REPORT_EXTENSION } from '../../subgraphs/shared/audit/audit-report';
import type { SubgraphReport } from '../../subgraphs/shared/audit/audit-log';
import type { DecisionRecord } from '../../subgraphs/shared/consent/request-consent';
import { maskUnexpectedError } from '../../subgraphs/shared/errors';
import {
  ASSERTION_HEADER,
  generateAssertionKeyPair,
  loadPrivateKey,
  loadPublicKey,
  verifyAssertion,
  type AssertionClaims,
} from '../../subgraphs/shared/identity-assertion';
import { createLogger } from '../../subgraphs/shared/logger';
import type { Requester } from '../../subgraphs/shared/requester';
import type { GatewayContext } from '../gateway-context';
import { SubgraphDataSource } from '../subgraph-data-source';
import { disableApolloTelemetry } from '../telemetry';
import { PARTIAL_THINGS, thingSchemas, thingSupergraph } from '../testing/thing-subgraphs';
import { auditBeforeResponsePlugin, auditWhenPlanFetched, RequestAudit } from './gateway-audit';

/**
 * The gateway's side of audit custody, against two tiny subgraphs (`core` owns
 * Thing, `extra` adds a sensitive field): `extra` answers with an audit report
 * the way the shared policy layer does, or with a broken one.
 */
type ReportMode = 'valid' | 'malformed' | 'none' | 'unasked';

const REQUESTER: Requester = {
  subject: 'clinician-1',
  organization: 'riverside-health',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

const decisionFor = (id: string): DecisionRecord => ({
  at: '2026-12-06T10:00:00.000Z',
  patientId: `patient-${id}`,
  category: 'LABS',
  purpose: 'TREAT',
  decision: 'GRANTED',
  field: 'Thing.score',
});

/** An audit log that keeps what it is given, or refuses it. */
class RecordingLog {
  /** One entry per append: the reports it committed together. */
  readonly appends: { requestId: string; reports: SubgraphReport[] }[] = [];
  /** When appends began, against the request's own milestones (`execution ended`). */
  readonly events: string[] = [];
  failing = false;
  /** How long each append takes (a slow disk). */
  delayMs = 0;

  async appendReports(
    _requester: Requester,
    requestId: string,
    reports: readonly SubgraphReport[],
  ): Promise<void> {
    this.events.push('append begun');
    await new Promise((resolve) =>
      this.delayMs > 0 ? setTimeout(resolve, this.delayMs) : setImmediate(resolve),
    );
    if (this.failing) throw new Error('disk full');
    this.appends.push({ requestId, reports: [...reports] });
  }
}

describe('gateway audit custody', () => {
  const keys = generateAssertionKeyPair();
  const publicKey = loadPublicKey(keys.publicKeyPem);
  const servers: http.Server[] = [];
  const claimsSeen: AssertionClaims[] = [];
  let reportMode: ReportMode = 'valid';
  /** What the plugin said each response was held for its commit (seconds). */
  const held: number[] = [];
  let gateway: ApolloServer<GatewayContext>;
  const log = new RecordingLog();

  function serve(schema: ReturnType<typeof buildSubgraphSchema>, reports: boolean) {
    const server = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const claims = verifyAssertion(req.headers[ASSERTION_HEADER] as string, publicKey);
        const body = JSON.parse(raw) as { query: string; variables?: Record<string, unknown> };
        void graphql({ schema, source: body.query, variableValues: body.variables }).then(
          (result) => {
            const representations = (body.variables?.representations ?? []) as { id: string }[];
            claimsSeen.push(claims);
            // `core` decides on its list, `extra` on each thing it adds a field to.
            const decided = reports
              ? representations.map((r) => decisionFor(r.id))
              : [{ ...decisionFor('list'), field: 'Query.things' }];
            const report =
              reportMode === 'valid' || !reports
                ? { decisions: decided }
                : { decisions: [{ ...decisionFor('1'), decision: 'WHATEVER' }] };
            const asked = claims.audit === 'gateway' || reportMode === 'unasked';
            const json =
              asked && reportMode !== 'none'
                ? { ...result, extensions: { [AUDIT_REPORT_EXTENSION]: report } }
                : result;
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify(json));
          },
        );
      });
    });
    return new Promise<http.Server>((resolve) =>
      server.listen(0, '127.0.0.1', () => resolve(server)),
    );
  }

  beforeAll(async () => {
    disableApolloTelemetry();
    const { core, extra } = thingSchemas();
    servers.push(await serve(core, false), await serve(extra, true));
    const supergraphSdl = thingSupergraph(servers[0]!, servers[1]!);
    const privateKey = loadPrivateKey(keys.privateKeyPem);
    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl,
        buildService: ({ name, url }) => new SubgraphDataSource(name, url!, privateKey),
        experimental_didResolveQueryPlan: auditWhenPlanFetched,
      }),
      plugins: [
        auditBeforeResponsePlugin({ onHeld: (seconds) => held.push(seconds) }),
        {
          async requestDidStart() {
            return {
              async executionDidStart() {
                return {
                  async executionDidEnd() {
                    log.events.push('execution ended');
                  },
                };
              },
            };
          },
        },
      ],
      formatError: (formatted) => maskUnexpectedError(formatted),
      stopOnTerminationSignals: false,
    });
    await gateway.start();
  });

  afterAll(async () => {
    await gateway.stop();
    for (const server of servers) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  beforeEach(() => {
    claimsSeen.length = 0;
    log.appends.length = 0;
    log.events.length = 0;
    log.failing = false;
    log.delayMs = 0;
    held.length = 0;
    reportMode = 'valid';
  });

  async function run(requestId: string, custody = true) {
    const context: GatewayContext = {
      requestId,
      requester: REQUESTER,
      logger: createLogger('test', 'silent'),
      ...(custody ? { audit: new RequestAudit(log, REQUESTER, requestId) } : {}),
    };
    const response = await gateway.executeOperation(
      { query: '{ things { id name score } }' },
      { contextValue: context },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  }

  it('claims custody, commits what every subgraph reports in one append under their names, and never forwards a report', async () => {
    const { result } = await run('request-1');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      things: [
        { id: '1', name: 'one', score: 7 },
        { id: '2', name: 'two', score: 7 },
      ],
    });
    expect(result.extensions).toBeUndefined();
    expect(claimsSeen.map((c) => c.audit)).toEqual(['gateway', 'gateway']);
    expect(log.appends).toEqual([
      {
        requestId: 'request-1',
        reports: [
          { subgraph: 'core', decisions: [{ ...decisionFor('list'), field: 'Query.things' }] },
          { subgraph: 'extra', decisions: [decisionFor('1'), decisionFor('2')] },
        ],
      },
    ]);
  });

  it("starts the commit as the plan's last fetch returns, before the response is shaped, and answers only once it is done", async () => {
    const { result } = await run('request-1b');
    expect(result.errors).toBeUndefined();
    // Begun while the gateway was still executing (its sync overlaps shaping the
    // response), and one append for the whole query; done before the answer left.
    expect(log.events).toEqual(['append begun', 'execution ended']);
    expect(log.appends.map((a) => a.requestId)).toEqual(['request-1b']);
  });

  it('says how long each audited response was held for its commit, and holds nothing else', async () => {
    log.delayMs = 200;
    const { result } = await run('request-held');
    expect(result.errors).toBeUndefined();
    expect(held).toHaveLength(1);
    // The commit began before the response was ready; most of its 200 ms was still to wait.
    expect(held[0]).toBeGreaterThanOrEqual(0.1);
    reportMode = 'none';
    await run('request-not-audited', false);
    expect(held).toHaveLength(1);
  });

  it('claims nothing when the gateway keeps no audit, and refuses a report it would not commit', async () => {
    reportMode = 'none';
    const plain = await run('request-2', false);
    expect(plain.result.errors).toBeUndefined();
    expect(claimsSeen.map((c) => c.audit)).toEqual([undefined, undefined]);
    // A report nobody here would commit: the data it covers is refused, not passed on.
    reportMode = 'unasked';
    const unasked = await run('request-2b', false);
    // `core`'s list is refused too: with no list, nothing is left to ask `extra`.
    expect(unasked.result.data).toBeNull();
    expect(unasked.result.errors?.map((e) => e.extensions?.reason)).toEqual(['BAD_RESPONSE']);
    expect(log.appends).toEqual([]);
  });

  it("refuses a subgraph's data whole when its report does not parse (nothing leaves unaudited)", async () => {
    reportMode = 'malformed';
    const { result } = await run('request-3');
    expect(result.data).toEqual(PARTIAL_THINGS);
    // What `core` reported is still committed: its data was answered.
    expect(result.errors).toEqual([
      {
        message: 'Internal error',
        extensions: {
          code: 'INTERNAL',
          subgraph: 'extra',
          serviceName: 'extra',
          reason: 'BAD_RESPONSE',
        },
      },
    ]);
    expect(log.appends.flatMap((a) => a.reports.map((r) => r.subgraph))).toEqual(['core']);
  });

  it('withholds the whole answer when the audit log cannot commit (fail closed)', async () => {
    log.failing = true;
    const { status, result } = await run('request-4');
    expect(status).toBe(503);
    expect(result.data).toBeUndefined();
    expect(result.errors).toEqual([
      {
        message: 'Audit log unavailable; response withheld',
        extensions: { code: 'INTERNAL' },
      },
    ]);
    expect(JSON.stringify(result)).not.toMatch(/one|two/);
    // A withheld response was held too: it counts in the wait.
    expect(held).toHaveLength(1);
  });
});

const decision = (field: string): DecisionRecord => ({
  at: '2026-12-06T10:00:00.000Z',
  patientId: 'patient-1',
  category: 'LABS',
  purpose: 'TREAT',
  decision: 'GRANTED',
  field,
});

/** A log whose appends stay open until released, so a test sees when each began. */
class HeldLog {
  readonly begun: SubgraphReport[][] = [];
  private readonly releases: Array<(error?: Error) => void> = [];

  appendReports(_r: Requester, _id: string, reports: readonly SubgraphReport[]): Promise<void> {
    this.begun.push([...reports]);
    return new Promise<void>((resolve, reject) =>
      this.releases.push((error) => (error ? reject(error) : resolve())),
    );
  }

  release(error?: Error): void {
    for (const release of this.releases.splice(0)) release(error);
  }
}

describe('RequestAudit', () => {
  it("starts its one commit as the plan's last fetch ends, and settles only once it is done", async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-1');
    audit.expectFetches(2);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    expect(log.begun).toEqual([]);
    audit.record('ehr-fhir', [decision('Patient.conditions')]);
    audit.fetchEnded();
    expect(log.begun).toEqual([
      [
        { subgraph: 'identity', decisions: [decision('Patient.name')] },
        { subgraph: 'ehr-fhir', decisions: [decision('Patient.conditions')] },
      ],
    ]);
    let settled = false;
    const settling = audit.settle().then(() => (settled = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    log.release();
    await settling;
    expect(log.begun).toHaveLength(1);
  });

  it('fails its settle when the early commit fails (the response is withheld)', async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-2');
    audit.expectFetches(1);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    log.release(new Error('disk full'));
    await expect(audit.settle()).rejects.toThrow('disk full');
  });

  it('commits at settle when the fetch count is unknown or never reached, and what came after an early commit', async () => {
    const unknown = new HeldLog();
    const audit = new RequestAudit(unknown, REQUESTER, 'request-3');
    audit.expectFetches(undefined);
    audit.record('identity', [decision('Patient.name')]);
    audit.fetchEnded();
    expect(unknown.begun).toEqual([]);
    const settling = audit.settle();
    expect(unknown.begun).toHaveLength(1);
    unknown.release();
    await settling;

    // A plan that fetched more than it was counted for: the extra report still commits.
    const more = new HeldLog();
    const second = new RequestAudit(more, REQUESTER, 'request-4');
    second.expectFetches(1);
    second.record('identity', [decision('Patient.name')]);
    second.fetchEnded();
    second.record('wearables', [decision('Patient.heartRate')]);
    second.fetchEnded();
    const done = second.settle();
    more.release();
    await new Promise((resolve) => setImmediate(resolve));
    more.release();
    await done;
    expect(more.begun.map((reports) => reports.map((r) => r.subgraph))).toEqual([
      ['identity'],
      ['wearables'],
    ]);
  });

  it('commits nothing when nothing was decided', async () => {
    const log = new HeldLog();
    const audit = new RequestAudit(log, REQUESTER, 'request-5');
    audit.expectFetches(1);
    audit.fetchEnded();
    await audit.settle();
    expect(log.begun).toEqual([]);
  });
});
