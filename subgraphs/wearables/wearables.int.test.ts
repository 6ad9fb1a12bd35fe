import fs from 'node:fs';
import path from 'node:path';
import { sendWearableFiles } from '../../cli/ingest/wearables.sender';
import { emitWearablePayloads } from '../../generator/emit/wearables.emitter';
import { generatePerson, type PopulationOptions } from '../../generator/population';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { devOrganizationWallet, devPatientWallet } from '../../contracts/dev-accounts';
import { startTestConsentChain, type TestConsentChain } from '../../test/helpers/consent-chain';
import { consentEnv } from '../../test/helpers/consent-env';
import { freeLoopbackPort } from '../../test/helpers/free-port';
import { BREAK_GLASS_REQUESTER, GatewaySigner } from '../../test/helpers/gateway-signer';
import type { Requester } from '../shared/requester';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { loadIdentityConfig } from '../identity/config';
import { startIdentity } from '../identity/server';
import type { RunningServer } from '../shared/http/subgraph-server';
import { loadWearablesConfig } from './config';
import { startWearables } from './server';

const SERVICE_TOKEN = 'test-service-token';
const OPTIONS: PopulationOptions = {
  seed: 20261125,
  size: 4,
  asOf: new Date('2026-11-20T00:00:00Z'),
  wearableDays: 3,
};
// Person 0 has diabetes by construction (every fourth person), so wears a CGM.
const person = generatePerson(OPTIONS, 0);
const FROM = '2026-11-17T00:00:00-05:00';
const TO = '2026-11-20T00:00:00-05:00';

interface Identifier {
  system: string;
  value: string;
}

/** Asks identity which patient an identifier belongs to (adds nothing: it is known). */
async function patientOf(identityUrl: string, identifier: Identifier): Promise<unknown> {
  const response = await fetch(`${identityUrl}/links`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
    body: JSON.stringify({ source: 'wearables-test', identifiers: [identifier] }),
  });
  const body = (await response.json()) as { patientId: string; decision: string };
  return body.decision === 'existing' ? body.patientId : null;
}

describe('wearables subgraph (identity and wearables in-process, SQLite, real consent chain)', () => {
  // Queries here test mapping and storage: a break-glass clinician sees everything
  // (and is audited); the consent test below asks as an ordinary organisation.
  const signer = new GatewaySigner(BREAK_GLASS_REQUESTER);
  const temp = makeTempDir('wearables-int');
  let chain: TestConsentChain;
  const env = (name: string) => ({
    ...consentEnv(chain, temp.dir),
    PORT: '0',
    DATABASE_URL: `file:${path.join(temp.dir, `${name}.db`)}`,
    GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
    SERVICE_TOKEN,
    LOG_LEVEL: 'silent',
  });
  let identity: RunningServer;
  let wearables: RunningServer;
  const emitted = emitWearablePayloads(person, OPTIONS);
  const files = emitted.map((file) => {
    const target = path.join(temp.dir, 'wearables', file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.content);
    return target;
  });
  const payload = (suffix: string) =>
    JSON.parse(emitted.find((file) => file.path.endsWith(suffix))!.content) as Record<
      string,
      never
    >;

  beforeAll(async () => {
    chain = await startTestConsentChain(temp.dir);
    identity = await startIdentity(loadIdentityConfig(env('identity')));
    wearables = await startWearables(
      loadWearablesConfig({ ...env('wearables'), IDENTITY_URL: identity.url }),
    );
  });

  afterAll(async () => {
    await wearables?.close();
    await identity?.close();
    await chain?.stop();
    temp.cleanup();
  });

  async function entities<T>(
    identifiers: Identifier[],
    selection: string,
    requester: Requester = BREAK_GLASS_REQUESTER,
    consentAddress: string | null = null,
  ) {
    return signer.query<{ _entities: T[] }>(
      `${wearables.url}/graphql`,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ${selection} } } }`,
      { r: [{ __typename: 'Patient', id: 'patient-1', linkKeys: identifiers, consentAddress }] },
      requester,
    );
  }

  const identifiers: Identifier[] = [
    { system: VENDOR_SYSTEMS.fitbitUser, value: person.wearable!.userId },
    { system: VENDOR_SYSTEMS.dexcomDevice, value: person.wearable!.cgm!.serial },
    { system: VENDOR_SYSTEMS.riversideMrn, value: person.ids.mrn },
  ];

  it('ingests the emitted payloads and links the devices to the MRN in identity', async () => {
    const summary = await sendWearableFiles(files, {
      baseUrl: wearables.url,
      serviceToken: SERVICE_TOKEN,
    });
    const days = OPTIONS.wearableDays;
    // Per day: 288 heart samples + 1 resting, 288 step intervals + 1 total, 1 sleep; CGM 288/day.
    expect(summary).toMatchObject({
      rejected: [],
      duplicates: 0,
      accepted: days * (289 + 289 + 1 + 288) + 2,
      enrollments: { accepted: 2, pending: 0 },
    });
    // Both device accounts and the MRN now name one patient in identity.
    const patients = await Promise.all(identifiers.map((i) => patientOf(identity.url, i)));
    expect(patients[0]).toEqual(expect.any(String));
    expect(new Set(patients)).toEqual(new Set([patients[0]]));
  });

  it('answers heart rate, steps, glucose and sleep that trace back to the person', async () => {
    const result = await entities<{
      heartRate: {
        unit: string;
        sources: { vendor: string; accountId: string }[];
        buckets: { start: string; count: number; mean: number }[];
        resting: { value: number }[];
      };
      steps: { buckets: { start: string; sum: number }[]; total: number };
      glucose: {
        unit: string;
        metrics: {
          readings: number;
          meanGlucose: number;
          standardDeviation: number;
          coveragePercent: number;
        };
      };
      sleep: {
        start: string;
        minutesAsleep: number;
        isMainSleep: boolean;
        source: { vendor: string };
      }[];
    }>(
      identifiers,
      `heartRate(from: "${FROM}", to: "${TO}", bucket: "1d") { unit sources { vendor accountId } buckets { start count mean } resting { value } }
       steps(from: "${FROM}", to: "${TO}", bucket: "1d") { buckets { start sum } total }
       glucose(from: "${FROM}", to: "${TO}") { unit metrics { readings meanGlucose standardDeviation coveragePercent } }
       sleep(from: "${FROM}", to: "${TO}") { start minutesAsleep isMainSleep source { vendor } }`,
    );
    expect(result.errors).toBeUndefined();
    const patient = result.data!._entities[0]!;
    const wearable = person.wearable!;
    expect(patient.heartRate.unit).toBe('beats/min');
    expect(patient.heartRate.sources).toEqual(
      expect.arrayContaining([{ vendor: 'fitbit', accountId: wearable.userId }]),
    );
    const day1 = payload('heart-2026-11-17.json')['activities-heart-intraday'] as {
      dataset: { value: number }[];
    };
    const day1Mean = day1.dataset.reduce((s, d) => s + d.value, 0) / day1.dataset.length;
    expect(patient.heartRate.buckets[0]).toEqual({
      start: '2026-11-17T00:00:00-05:00',
      count: 288,
      mean: Math.round(day1Mean * 100) / 100,
    });
    expect(patient.heartRate.resting.map((r) => r.value)).toEqual([
      wearable.restingHeartRate,
      wearable.restingHeartRate,
      wearable.restingHeartRate,
    ]);
    const dailyTotals = ['17', '18', '19'].map((d) =>
      Number(
        (payload(`steps-2026-11-${d}.json`)['activities-steps'] as { value: string }[])[0]!.value,
      ),
    );
    expect(patient.steps.buckets.map((b) => b.sum)).toEqual(dailyTotals);
    expect(patient.steps.total).toBe(dailyTotals.reduce((s, v) => s + v, 0));
    // The emitter rescales the CGM curve to the person's mean and SD exactly.
    expect(patient.glucose.unit).toBe('mg/dL');
    expect(patient.glucose.metrics.readings).toBe(3 * 288);
    expect(patient.glucose.metrics.coveragePercent).toBe(100);
    expect(Math.abs(patient.glucose.metrics.meanGlucose - wearable.cgm!.meanGlucose)).toBeLessThan(
      0.6,
    );
    expect(Math.abs(patient.glucose.metrics.standardDeviation - wearable.cgm!.sd)).toBeLessThan(1);
    const nights = ['17', '18', '19'].map(
      (d) =>
        (payload(`sleep-2026-11-${d}.json`).sleep as { minutesAsleep: number }[])[0]!.minutesAsleep,
    );
    expect(patient.sleep.map((s) => s.minutesAsleep)).toEqual(nights);
    expect(patient.sleep.every((s) => s.isMainSleep && s.source.vendor === 'fitbit')).toBe(true);
  });

  it('merges a re-send as duplicates', async () => {
    const summary = await sendWearableFiles(files, {
      baseUrl: wearables.url,
      serviceToken: SERVICE_TOKEN,
    });
    expect(summary.accepted).toBe(0);
    expect(summary.duplicates).toBe(3 * (289 + 289 + 1 + 288) + 2);
    expect(summary.enrollments.duplicates).toBe(2);
  });

  it('returns raw points without a bucket, and nothing for a patient without devices', async () => {
    const raw = await entities<{
      glucose: { bucket: string | null; points: { time: string; value: number; vendor: string }[] };
    }>(
      identifiers,
      `glucose(from: "2026-11-18T08:00:00-05:00", to: "2026-11-18T08:30:00-05:00") { bucket points { time value vendor } }`,
    );
    expect(raw.data?._entities[0]?.glucose.bucket).toBeNull();
    expect(raw.data?._entities[0]?.glucose.points.map((p) => p.time)).toEqual([
      '2026-11-18T08:00:00-05:00',
      '2026-11-18T08:05:00-05:00',
      '2026-11-18T08:10:00-05:00',
      '2026-11-18T08:15:00-05:00',
      '2026-11-18T08:20:00-05:00',
      '2026-11-18T08:25:00-05:00',
    ]);
    const egvs = payload('egvs.json').records as { displayTime: string; value: number }[];
    const at8 = egvs.find((r) => r.displayTime === '2026-11-18T08:00:00-05:00')!;
    expect(raw.data?._entities[0]?.glucose.points[0]?.value).toBe(at8.value);
    const none = await entities<{ heartRate: { sources: unknown[]; buckets: unknown[] } }>(
      [{ system: VENDOR_SYSTEMS.ssn, value: '999-00-0000' }],
      `heartRate(from: "${FROM}", to: "${TO}", bucket: "1h") { sources { vendor } buckets { count } }`,
    );
    expect(none.data?._entities[0]?.heartRate).toEqual({ sources: [], buckets: [] });
  });

  it("answers an organisation only with the patient's WEARABLES consent", async () => {
    const riverside: Requester = {
      subject: 'test:riverside-health',
      organization: 'riverside-health',
      orgAddress: devOrganizationWallet('riverside-health').address.toLowerCase(),
      purpose: 'TREAT',
      scopes: ['user/*.rs'],
    };
    const wallet = devPatientWallet(person.walletIndex);
    const ask = () =>
      entities<{ steps: { total: number } | null }>(
        identifiers,
        `steps(from: "${FROM}", to: "${TO}") { total }`,
        riverside,
        wallet.address.toLowerCase(),
      );
    const denied = await ask();
    expect(denied.data?._entities[0]?.steps).toBeNull();
    expect(denied.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      category: 'WEARABLES',
    });
    await chain.grant(wallet, 'riverside-health', [ConsentCategory.Wearables], PurposeOfUse.TREAT);
    let granted = await ask();
    for (let attempt = 0; attempt < 40 && granted.errors; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      granted = await ask();
    }
    expect(granted.errors).toBeUndefined();
    expect(granted.data?._entities[0]?.steps?.total).toBeGreaterThan(0);
  });

  it('refuses bad arguments with BAD_USER_INPUT', async () => {
    const bad = await entities(identifiers, `heartRate(from: "2026-11-17", to: "${TO}") { unit }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tooMany = await entities(
      identifiers,
      `heartRate(from: "2026-01-01T00:00:00Z", to: "2026-11-01T00:00:00Z", bucket: "5m") { unit }`,
    );
    expect(tooMany.errors?.[0]?.message).toMatch(/buckets of 5m exceed the limit/);
  });

  it('answers ingest errors with typed reasons', async () => {
    const post = async (route: string, body: unknown, token = SERVICE_TOKEN) => {
      const response = await fetch(`${wearables.url}${route}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect((await post('/ingest', { hello: 'world' })).body).toMatchObject({
      error: { code: 'UNRECOGNISED_PAYLOAD' },
    });
    expect((await post('/ingest/fitbit-heart', {}, 'wrong')).status).toBe(401);
    const omh = await post('/ingest/omh?schema=heart-rate-2.0', {
      heart_rate: { value: 60, unit: 'beats/min' },
    });
    expect(omh.status).toBe(422);
    expect(omh.body.rejected).toEqual([
      {
        location: '$',
        reason: expect.stringMatching(/must have required property 'effective_time_frame'/),
      },
    ]);
    const enrollment = await post('/enrollments', {
      vendor: 'garmin',
      accountId: 'x',
      identifiers: [],
    });
    expect(enrollment.status).toBe(400);
    expect(enrollment.body.rejected).toEqual([
      { location: '$.vendor', reason: expect.stringMatching(/vendor must be one of/) },
      { location: '$.identifiers', reason: expect.stringMatching(/at least one/) },
    ]);
  });
});

describe('device links while identity is down', () => {
  const signer = new GatewaySigner();
  const temp = makeTempDir('wearables-link');
  let chain: TestConsentChain | undefined;
  let identity: RunningServer | undefined;
  let wearables: RunningServer;
  let identityPort: number;

  beforeAll(async () => {
    identityPort = await freeLoopbackPort();
    chain = await startTestConsentChain(temp.dir);
    wearables = await startWearables(
      loadWearablesConfig({
        ...consentEnv(chain, temp.dir),
        PORT: '0',
        DATABASE_URL: `file:${path.join(temp.dir, 'wearables.db')}`,
        GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
        SERVICE_TOKEN,
        LOG_LEVEL: 'silent',
        IDENTITY_URL: `http://127.0.0.1:${identityPort}`,
        LINK_RETRY_INTERVAL_MS: '50',
        LINK_RETRY_BASE_MS: '10',
        LINK_RETRY_MAX_MS: '50',
      }),
    );
  });

  afterAll(async () => {
    await wearables?.close();
    await identity?.close();
    await chain?.stop();
    temp.cleanup();
  });

  it('keeps the enrollment pending, then links it once identity answers', async () => {
    const response = await fetch(`${wearables.url}/enrollments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
      body: JSON.stringify({
        vendor: 'dexcom',
        accountId: 'SM00000001',
        identifiers: [{ system: VENDOR_SYSTEMS.riversideMrn, value: 'MRN0000001', typeCode: 'MR' }],
      }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({
      accepted: 1,
      enrollments: [{ linkStatus: 'pending', patientId: null, linkError: 'identity unreachable' }],
    });
    identity = await startIdentity(
      loadIdentityConfig({
        ...consentEnv(chain!, temp.dir),
        PORT: String(identityPort),
        DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
        GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
        SERVICE_TOKEN,
        LOG_LEVEL: 'silent',
      }),
    );
    const mrn = { system: VENDOR_SYSTEMS.riversideMrn, value: 'MRN0000001' };
    const device = { system: VENDOR_SYSTEMS.dexcomDevice, value: 'SM00000001' };
    // Watch the wearables side only: asking identity about the device now would
    // create the link this test expects the retrier to make.
    let status: { linkStatus: string; patientId: string | null; linkAttempts: number } | undefined;
    for (let attempt = 0; attempt < 100 && status?.linkStatus !== 'linked'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const response = await fetch(`${wearables.url}/enrollments/dexcom/SM00000001`, {
        headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
      });
      status = (await response.json()) as typeof status;
    }
    expect(status).toMatchObject({ linkStatus: 'linked', patientId: expect.any(String) });
    expect(status!.linkAttempts).toBeGreaterThan(1);
    const linked = status!.patientId;
    expect(await patientOf(identity.url, device)).toBe(linked);
    expect(await patientOf(identity.url, mrn)).toBe(linked);
  });
});
