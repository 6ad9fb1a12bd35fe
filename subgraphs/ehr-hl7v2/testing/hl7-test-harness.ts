import path from 'node:path';
import { startTestConsentChain } from '../../../test/helpers/consent-chain';
import { consentEnv } from '../../../test/helpers/consent-env';
import { BREAK_GLASS_REQUESTER, GatewaySigner } from '../../../test/helpers/gateway-signer';
import { makeTempDir } from '../../../test/helpers/temp-dir';
import type { RunningServer } from '../../shared/http/subgraph-server';
import { loadIdentityConfig } from '../../identity/config';
import { startIdentity } from '../../identity/server';
import { loadEhrHl7v2Config } from '../config';
import { startEhrHl7v2 } from '../server';
import { openHl7Store } from '../store';

export const SERVICE_TOKEN = 'test-service-token';

/**
 * SQLite in the test's temp folder, or, when EHR_HL7V2_TEST_POSTGRES_URL names a
 * PostgreSQL server (e.g. postgresql://postgres@localhost:5432/postgres), a fresh
 * database on it: the same tests then check the PostgreSQL path.
 */
function testDatabaseUrl(dir: string): string {
  const postgres = process.env.EHR_HL7V2_TEST_POSTGRES_URL;
  if (!postgres) return `file:${path.join(dir, 'ehr-hl7v2.db')}`;
  const url = new URL(postgres);
  url.pathname = `/hl7test_${path
    .basename(dir)
    .replace(/[^a-zA-Z0-9]/g, '_')
    .toLowerCase()}`;
  return url.toString();
}

/**
 * identity and ehr-hl7v2 as real servers (HTTP and MLLP on port 0, temporary
 * SQLite files, a real consent chain), for the subgraph-level integration tests.
 * `identity: false` points ehr-hl7v2 at a closed port (identity unreachable).
 * `store` is a second client on the feed's database, for assertions.
 */
async function dropTestDatabase(url: string): Promise<void> {
  if (!url.startsWith('postgres')) return;
  const { Client } = await import('pg');
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export async function startHl7Stack(
  options: { identity?: boolean; env?: Record<string, string> } = {},
) {
  // Queries here test mapping and storage; consent has its own tests (break-glass sees all).
  const signer = new GatewaySigner(BREAK_GLASS_REQUESTER);
  const temp = makeTempDir('ehr-hl7v2');
  const chain = await startTestConsentChain(temp.dir);
  const common = {
    ...consentEnv(chain, temp.dir),
    PORT: '0',
    GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
    SERVICE_TOKEN,
    LOG_LEVEL: 'silent',
  };
  const identity: RunningServer | null =
    options.identity === false
      ? null
      : await startIdentity(
          loadIdentityConfig({
            ...common,
            DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
          }),
        );
  const databaseUrl = testDatabaseUrl(temp.dir);
  const hl7 = await startEhrHl7v2(
    loadEhrHl7v2Config({
      ...common,
      MLLP_PORT: '0',
      DATABASE_URL: databaseUrl,
      IDENTITY_URL: identity?.url ?? 'http://127.0.0.1:9',
      ...options.env,
    }),
  );
  const store = await openHl7Store(databaseUrl);
  return {
    signer,
    identity,
    hl7,
    store,
    mllp: { host: '127.0.0.1', port: hl7.mllpPort },
    dir: temp.dir,
    async close() {
      await store.$disconnect();
      await hl7.close();
      await identity?.close();
      await chain.stop();
      await dropTestDatabase(databaseUrl);
      temp.cleanup();
    },
  };
}

export type Hl7Stack = Awaited<ReturnType<typeof startHl7Stack>>;
