import { Client } from 'pg';
import { decisionsOfEntry } from '../subgraphs/shared/audit/audit-decisions';
import { startStack, type RunningStack } from '../cli/stack/start-stack';
import { EPHEMERAL_PORTS, SUBGRAPHS } from '../cli/stack/stack-options';
import { devOrganizationWallet } from '../contracts/dev-accounts';
import { mintDevToken } from '../gateway/auth/dev-token';
import { readPeople } from '../generator/write-population';
import { loadOrCreateDevSecrets } from '../subgraphs/shared/config/dev-secrets';
import { makeTempDir } from './helpers/temp-dir';
import { TEST_AS_OF } from './helpers/test-stack';

/**
 * PostgreSQL, the production target, by configuration alone: every store (and the
 * audit log) in one database, one schema per store, created and migrated at start,
 * then the same cross-subgraph query as on SQLite. Runs where a PostgreSQL server
 * is reachable (PATIENTGRAPH_TEST_POSTGRES_URL, default the local one with trust
 * auth); a machine without one skips it, saying so.
 */
const ADMIN_URL =
  process.env.PATIENTGRAPH_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

describe('the stack on PostgreSQL', () => {
  const temp = makeTempDir('postgres');
  const database = `patientgraph_test_${process.pid}_${Date.now()}`;
  let available = false;
  let stack: RunningStack | undefined;

  beforeAll(async () => {
    available = await postgresReachable();
    if (!available) {
      console.warn(
        `PostgreSQL not reachable at ${ADMIN_URL}: the PostgreSQL stack test is skipped on this machine`,
      );
      return;
    }
    const url = new URL(ADMIN_URL);
    url.pathname = `/${database}`;
    const storeUrl = (schema: string) => {
      const u = new URL(url.toString());
      u.searchParams.set('schema', schema);
      return u.toString();
    };
    stack = await startStack({
      home: temp.dir,
      host: '127.0.0.1',
      ports: EPHEMERAL_PORTS,
      seed: { seed: 20261120, size: 2, wearableDays: 1, asOf: TEST_AS_OF },
      logLevel: 'warn',
      databaseUrls: Object.fromEntries(
        SUBGRAPHS.map((name) => [name, storeUrl(name.replace(/-/g, '_'))]),
      ),
      auditDatabaseUrl: storeUrl('audit'),
      env: { CONSENT_POLL_INTERVAL_MS: '100', LINK_RETRY_INTERVAL_MS: '500' },
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
    temp.cleanup();
    if (available) {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    }
  });

  it('creates, migrates and serves every store from PostgreSQL', async () => {
    if (!available) return;
    const client = new Client({
      connectionString: ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${database}$1`),
    });
    await client.connect();
    try {
      const schemas = await client.query<{ schema_name: string }>(
        `SELECT schema_name FROM information_schema.schemata WHERE schema_name IN ('identity', 'ehr_fhir', 'ehr_hl7v2', 'wearables', 'audit') ORDER BY 1`,
      );
      expect(schemas.rows.map((r) => r.schema_name)).toEqual([
        'audit',
        'ehr_fhir',
        'ehr_hl7v2',
        'identity',
        'wearables',
      ]);
      const patients = await client.query('SELECT count(*)::int AS n FROM identity."Patient"');
      expect(patients.rows[0].n).toBe(2);
    } finally {
      await client.end();
    }
    const person = readPeople(stack!.seed!.dir)[0]!;
    const token = await mintDevToken(
      loadOrCreateDevSecrets({ PATIENTGRAPH_HOME: temp.dir }).tokenSigningSecret,
      {
        subject: 'test:riverside-health',
        organization: 'riverside-health',
        orgAddress: devOrganizationWallet('riverside-health').address,
        purpose: 'TREAT',
      },
    );
    const response = await fetch(stack!.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `query($name: String) { patients(name: $name) { edges { node { birthDate conditions { id } labs: observations(category: "laboratory", first: 2) { id } encounters(from: "2000-01-01T00:00:00Z", first: 2) { id } labResults { id } lastLab: labResults(first: 1, from: "2000-01-01") { id } glucose(from: "2026-11-19T00:00:00-05:00", to: "2026-11-20T00:00:00-05:00", bucket: "1d") { buckets { count } } } } } }`,
        variables: { name: `${person.name.family} ${person.name.given[0]}` },
      }),
    });
    const body = (await response.json()) as {
      errors?: unknown;
      data: {
        patients: {
          edges: {
            node: {
              birthDate: string;
              conditions: unknown[];
              labs: unknown[];
              encounters: unknown[];
              labResults: unknown[];
              lastLab: unknown[];
              glucose: { buckets: { count: number }[] };
            };
          }[];
        };
      };
    };
    expect(body.errors).toBeUndefined();
    const node = body.data.patients.edges[0]!.node;
    expect(node.birthDate).toBe(person.birthDate);
    expect(node.conditions.length).toBeGreaterThan(0);
    // The record query's SQL on PostgreSQL: token filter, overlap window, cut per patient.
    expect(node.labs).toHaveLength(2);
    expect(node.encounters).toHaveLength(2);
    expect(node.labResults.length).toBeGreaterThan(0);
    expect(node.lastLab).toHaveLength(1);
    expect(node.glucose.buckets[0]?.count).toBe(288);

    // The gateway committed the decisions of every subgraph that released consented data
    // to PostgreSQL, each under the subgraph's name, as one valid chain per writing process.
    const audit = new Client({
      connectionString: ADMIN_URL.replace(/\/[^/?]*(\?|$)/, `/${database}$1`),
    });
    await audit.connect();
    try {
      const logs = await audit.query<{ logId: string; n: number; last: number }>(
        `SELECT "logId", count(*)::int AS n, max(seq)::int AS last FROM audit."AuditEntry" GROUP BY "logId" ORDER BY 1`,
      );
      expect(logs.rows.map((r) => r.logId)).toEqual(['gateway']);
      for (const row of logs.rows) expect(row.last).toBe(row.n);
      const stored = await audit.query<{ decisions: string | null }>(
        `SELECT "decisions" FROM audit."AuditEntry" WHERE "logId" = 'gateway'`,
      );
      const decidedBy = new Set(
        stored.rows.flatMap((r) =>
          decisionsOfEntry({ ...r, category: null, decision: null, field: null, reason: null }).map(
            (d) => d.subgraph,
          ),
        ),
      );
      expect([...decidedBy]).toEqual(
        expect.arrayContaining(['ehr-fhir', 'ehr-hl7v2', 'wearables']),
      );
    } finally {
      await audit.end();
    }
  });
});
