import path from 'node:path';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { startTestConsentChain, type TestConsentChain } from '../../test/helpers/consent-chain';
import { consentEnv } from '../../test/helpers/consent-env';
import { BREAK_GLASS_REQUESTER, GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import type { RunningServer } from '../shared/http/subgraph-server';
import { ingestYear, READINGS, readingValue, YEAR_END, YEAR_START } from './bench/cgm-year';
import { loadWearablesConfig } from './config';
import { startWearables } from './server';

const SERVICE_TOKEN = 'test-service-token';

describe('a year of 5-minute CGM readings for one patient', () => {
  const signer = new GatewaySigner(BREAK_GLASS_REQUESTER);
  const temp = makeTempDir('wearables-year');
  let chain: TestConsentChain;
  let server: RunningServer;

  beforeAll(async () => {
    chain = await startTestConsentChain(temp.dir);
    server = await startWearables(
      loadWearablesConfig({
        ...consentEnv(chain, temp.dir),
        PORT: '0',
        DATABASE_URL:
          process.env.WEARABLES_TEST_DATABASE_URL ?? `file:${path.join(temp.dir, 'w.db')}`,
        GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
        SERVICE_TOKEN,
        LOG_LEVEL: 'silent',
        // Nothing to link here; keep the retrier from calling an absent identity.
        LINK_RETRY_INTERVAL_MS: '3600000',
      }),
    );
  });

  afterAll(async () => {
    await server?.close();
    await chain?.stop();
    temp.cleanup();
  });

  it('ingests 105,120 readings and answers daily buckets and metrics from SQL', async () => {
    const report = await ingestYear(server.url, SERVICE_TOKEN, 'SM-YEAR');
    console.log(`cgm year ingest: ${JSON.stringify(report)}`);
    expect(report).toMatchObject({ readings: READINGS, accepted: READINGS, duplicates: 0 });

    const started = Date.now();
    const result = await signer.query<{
      _entities: {
        glucose: {
          buckets: { start: string; count: number; mean: number; min: number; max: number }[];
          metrics: { readings: number; meanGlucose: number; coveragePercent: number };
        };
      }[];
    }>(
      `${server.url}/graphql`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient {
         glucose(from: "${YEAR_START}", to: "${YEAR_END}", bucket: "1d") {
           buckets { start count mean min max } metrics { readings meanGlucose coveragePercent } } } } }`,
      {
        r: [
          {
            __typename: 'Patient',
            id: 'p',
            linkKeys: [{ system: VENDOR_SYSTEMS.dexcomDevice, value: 'SM-YEAR' }],
            consentAddress: null,
          },
        ],
      },
    );
    const queryMs = Date.now() - started;
    expect(result.errors).toBeUndefined();
    const glucose = result.data!._entities[0]!.glucose;
    // Buckets follow the -05:00 wall clock of `from`: 365 days of 288 readings each.
    expect(glucose.buckets).toHaveLength(365);
    expect(glucose.buckets.every((b) => b.count === 288)).toBe(true);
    const day0 = Array.from({ length: 288 }, (_, i) => readingValue(i));
    expect(glucose.buckets[0]).toEqual({
      start: '2025-01-01T00:00:00-05:00',
      count: 288,
      mean: Math.round((day0.reduce((s, v) => s + v, 0) / 288) * 100) / 100,
      min: Math.min(...day0),
      max: Math.max(...day0),
    });
    const all = Array.from({ length: READINGS }, (_, i) => readingValue(i));
    expect(glucose.metrics.readings).toBe(READINGS);
    expect(glucose.metrics.meanGlucose).toBe(
      Math.round((all.reduce((s, v) => s + v, 0) / READINGS) * 10) / 10,
    );
    expect(glucose.metrics.coveragePercent).toBe(100);
    // Aggregation runs in the database: a year answers in well under a second.
    expect(queryMs).toBeLessThan(5_000);

    const again = await ingestYear(server.url, SERVICE_TOKEN, 'SM-YEAR');
    expect(again).toMatchObject({ accepted: 0, duplicates: READINGS });
  }, 240_000);
});
