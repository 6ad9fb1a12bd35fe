import path from 'node:path';
import { loadIdentityConfig } from '../../identity/config';
import { startIdentity } from '../../identity/server';
import { countsFromExtensions } from '../../shared/fhir/ingest-summary-extension';
import type { RunningServer } from '../../shared/http/subgraph-server';
import { freeLoopbackPort } from '../../../test/helpers/free-port';
import { startEhrFhirPair, SERVICE_TOKEN, type EhrFhirPair } from '../ehr-fhir.test-harness';
import { openEhrFhirStore, type EhrFhirStore } from '../store';

const SSN = 'http://hl7.org/fhir/sid/us-ssn';
const MRN = 'https://riverside.example/sid/mrn';

const patientWith = (id: string, identifiers: { system: string; value: string }[]) =>
  JSON.stringify({ resourceType: 'Patient', id, identifier: identifiers, birthDate: '1980-01-01' });

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('patient links to identity (outbox with retries)', () => {
  let pair: EhrFhirPair;
  let store: EhrFhirStore;
  let identity: RunningServer | undefined;
  let identityPort: number;

  beforeAll(async () => {
    identityPort = await freeLoopbackPort();
    pair = await startEhrFhirPair({
      identity: false,
      env: { IDENTITY_URL: `http://127.0.0.1:${identityPort}`, LINK_RETRY_INTERVAL_MS: '200' },
    });
    store = await openEhrFhirStore(`file:${path.join(pair.dir, 'ehr-fhir.db')}`);
  });
  afterAll(async () => {
    await store.$disconnect();
    // The EHR first: its linker retries every 200 ms over keep-alive connections,
    // which would keep identity's server from ever finishing its close.
    await pair.close();
    await identity?.close();
  });

  it('keeps the record and a pending link while identity is down, then links it', async () => {
    const response = await pair.post(
      '/fhir',
      patientWith('down-1', [{ system: SSN, value: '999-00-0001' }]),
    );
    expect(response.status).toBe(200);
    expect(
      countsFromExtensions((response.body.meta as { extension: unknown[] }).extension),
    ).toMatchObject({
      created: 1,
      linked: 0,
      linkPending: 1,
    });
    const pending = await store.patientLink.findUnique({ where: { patientId: 'down-1' } });
    expect(pending).toMatchObject({
      status: 'pending',
      reason: 'UNREACHABLE: identity service did not answer',
    });

    identity = await startIdentity(
      loadIdentityConfig({
        ...pair.consentEnv,
        PORT: String(identityPort),
        DATABASE_URL: `file:${path.join(pair.dir, 'identity-late.db')}`,
        GATEWAY_ASSERTION_PUBLIC_KEY: pair.signer.publicKeyPem,
        SERVICE_TOKEN,
        LOG_LEVEL: 'silent',
      }),
    );
    const linked = await waitFor(async () => {
      const row = await store.patientLink.findUnique({ where: { patientId: 'down-1' } });
      return row?.status === 'linked' ? row : null;
    });
    expect(linked.globalPatientId).toEqual(expect.any(String));
    expect(linked.decision).toBe('created');
  });

  it('keeps a link that identity sends to review (conflicting identifiers) pending, with the reason', async () => {
    await waitFor(async () => identity ?? null);
    await pair.post('/fhir', patientWith('c-a', [{ system: SSN, value: '999-00-0002' }]));
    await pair.post('/fhir', patientWith('c-b', [{ system: MRN, value: 'MRN-C-B' }]));
    const response = await pair.post(
      '/fhir',
      patientWith('c-both', [
        { system: SSN, value: '999-00-0002' },
        { system: MRN, value: 'MRN-C-B' },
      ]),
    );
    expect(response.status).toBe(200);
    const row = await store.patientLink.findUnique({ where: { patientId: 'c-both' } });
    expect(row).toMatchObject({
      status: 'pending',
      reason: 'REVIEW: identifier-conflict',
    });
    expect(await store.fhirResource.count({ where: { key: 'Patient/c-both' } })).toBe(1);
  });
});
