import path from 'node:path';
import type { HDNodeWallet } from 'ethers';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { devOrganizationWallet, devPatientWallet } from '../../contracts/dev-accounts';
import { startTestConsentChain, type TestConsentChain } from '../../test/helpers/consent-chain';
import { GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import type { RunningServer } from '../shared/http/subgraph-server';
import type { PatientLinkRequest } from '../shared/patient/link-request';
import type { Requester } from '../shared/requester';
import { loadIdentityConfig } from './config';
import { chainAddressLinkMessage } from './linking/chain-address-message';
import { startIdentity } from './server';

const SERVICE_TOKEN = 'test-service-token';
const FHIR = 'https://ehr.riverside.example/fhir/Patient';
const MRN = 'https://riverside.example/sid/mrn';
const LAB = 'urn:rvlab:patient';

const riverside: Requester = {
  subject: 'test:riverside-health',
  organization: 'riverside-health',
  orgAddress: devOrganizationWallet('riverside-health').address.toLowerCase(),
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

type Json = Record<string, unknown>;
type Identifier = { system: string; value: string; source: string };

describe('identity matching, review and merges (real server, SQLite, consent chain)', () => {
  const signer = new GatewaySigner();
  const temp = makeTempDir('identity-matching');
  let chain: TestConsentChain;
  let server: RunningServer;
  let nextWallet = 50;

  beforeAll(async () => {
    chain = await startTestConsentChain(temp.dir);
    const consent = chain.consentConfig(temp.dir, 'identity');
    server = await startIdentity(
      loadIdentityConfig({
        PORT: '0',
        DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
        GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
        SERVICE_TOKEN,
        LOG_LEVEL: 'silent',
        CHAIN_RPC_URL: consent.chainRpcUrl,
        CHAIN_DEPLOYMENT_FILE: consent.deploymentFile,
        AUDIT_DATABASE_URL: consent.auditDatabaseUrl,
        CONSENT_POLL_INTERVAL_MS: '100',
      }),
    );
  });

  afterAll(async () => {
    await server?.close();
    await chain?.stop();
    temp.cleanup();
  });

  async function call(method: string, route: string, body?: unknown) {
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }
  const post = (route: string, body?: unknown) => call('POST', route, body);
  const link = async (request: PatientLinkRequest) => (await post('/links', request)).body;

  /** The patient consents (through their wallet) to Riverside seeing their demographics. */
  async function consentFor(identifier: { system: string; value: string }): Promise<void> {
    const wallet: HDNodeWallet = devPatientWallet(nextWallet++);
    const issuedAt = new Date().toISOString();
    const signature = await wallet.signMessage(
      chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt }),
    );
    const enrolled = await post('/chain-addresses', {
      identifier,
      address: wallet.address,
      issuedAt,
      signature,
    });
    expect(enrolled.status).toBe(200);
    await chain.grant(
      wallet,
      'riverside-health',
      [ConsentCategory.Demographics],
      PurposeOfUse.TREAT,
    );
  }

  async function patient(id: string): Promise<{ id: string; identifiers: Identifier[] } | null> {
    const result = await signer.query<{
      patient: { id: string; identifiers: Identifier[] } | null;
    }>(
      `${server.url}/graphql`,
      'query($id: ID!) { patient(id: $id) { id identifiers { system value source } } }',
      { id },
      riverside,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.patient;
  }

  const keys = (p: { identifiers: Identifier[] } | null) =>
    (p?.identifiers ?? []).map((i) => `${i.system}|${i.value}`).sort();

  it('links two vendors by demographics alone, and says why', async () => {
    const fhir = await link({
      source: 'ehr-fhir',
      identifiers: [
        { system: FHIR, value: 'f-100' },
        { system: MRN, value: 'MRN-100', typeCode: 'MR' },
      ],
      demographics: {
        names: [{ use: 'official', family: 'Okafor', given: ['Chiamaka', 'Ada'] }],
        birthDate: '1979-03-14',
        gender: 'female',
        addresses: [{ line: ['221 Harbor Street'], city: 'Riverside', postalCode: '02139' }],
        telecom: [{ system: 'phone', value: '(555) 010-7788' }],
      },
    });
    expect(fhir).toMatchObject({ decision: 'created', reason: 'new-patient' });
    // The HL7 feed's own key only, its own formatting: no identifier in common.
    const hl7 = await link({
      source: 'ehr-hl7v2',
      identifiers: [{ system: LAB, value: 'L-100', typeCode: 'PI' }],
      demographics: {
        names: [{ family: 'OKAFOR', given: ['CHIAMAKA'] }],
        birthDate: '1979-03-14',
        gender: 'female',
        addresses: [{ line: ['221 HARBOR ST'], postalCode: '02139-4400' }],
        telecom: [{ value: '555-010-7788' }],
      },
    });
    expect(hl7).toMatchObject({
      patientId: fhir.patientId,
      decision: 'existing',
      reason: 'demographic-match',
    });
    expect(hl7.score).toBeGreaterThanOrEqual(0.98);

    await consentFor({ system: MRN, value: 'MRN-100' });
    expect(keys(await patient(fhir.patientId as string))).toEqual([
      `${FHIR}|f-100`,
      `${MRN}|MRN-100`,
      `${LAB}|L-100`,
    ]);
  });

  it('makes a new patient of a different person, however alike their family', async () => {
    const sibling = await link({
      source: 'ehr-hl7v2',
      identifiers: [{ system: LAB, value: 'L-101' }],
      demographics: {
        names: [{ family: 'Okafor', given: ['Emeka'] }],
        birthDate: '1982-11-02',
        gender: 'male',
        addresses: [{ line: ['221 Harbor St'], postalCode: '02139' }],
      },
    });
    expect(sibling).toMatchObject({ decision: 'created', reason: 'new-patient' });
  });

  it('holds a borderline record for review until a reviewer links it', async () => {
    const fhir = await link({
      source: 'ehr-fhir',
      identifiers: [{ system: FHIR, value: 'f-200' }],
      demographics: {
        names: [{ family: 'Lindqvist', given: ['Sven'] }],
        birthDate: '1955-08-21',
        gender: 'male',
        addresses: [{ line: ['9 Elm Road'], postalCode: '02140' }],
      },
    });
    // Name and birth date agree, nothing else to go on: a person decides.
    const thin = {
      source: 'ehr-hl7v2',
      identifiers: [
        { system: LAB, value: 'L-200' },
        { system: MRN, value: 'MRN-200', typeCode: 'MR' },
      ],
      demographics: {
        names: [{ family: 'LINDQVIST', given: ['SVEN'] }],
        birthDate: '1955-08-21',
      },
    };
    const pending = await link(thin);
    expect(pending).toMatchObject({
      patientId: null,
      decision: 'review',
      reason: 'possible-match',
    });

    const list = await call('GET', '/review');
    expect(list.status).toBe(200);
    const items = list.body.items as Json[];
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: pending.reviewId,
      status: 'pending',
      kind: 'possible-match',
      source: 'ehr-hl7v2',
      record: { system: LAB, value: 'L-200' },
      identifierSystems: [LAB, MRN],
      candidates: [
        {
          patientId: fhir.patientId,
          fields: {
            family: 'agree',
            given: 'agree',
            birthDate: 'agree',
            sex: 'missing',
            address: 'missing',
            phone: 'missing',
          },
        },
      ],
    });
    // Ids and agreement levels only: no demographics in the review list.
    expect(JSON.stringify(list.body)).not.toMatch(/lindqvist|sven|1955|elm/i);

    const bad = await post(`/review/${pending.reviewId}/decision`, { action: 'link' });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'BAD_REQUEST' } } });
    const decided = await post(`/review/${pending.reviewId}/decision`, {
      action: 'link',
      patientId: fhir.patientId,
      reviewer: 'dr.ng',
      note: 'same person, checked by phone',
    });
    expect(decided).toMatchObject({
      status: 200,
      body: { status: 'linked', patientId: fhir.patientId, decidedBy: 'dr.ng' },
    });
    expect(Date.parse(decided.body.decidedAt as string)).not.toBeNaN();
    const twice = await post(`/review/${pending.reviewId}/decision`, {
      action: 'new-patient',
      reviewer: 'dr.ng',
    });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'ALREADY_DECIDED' } } });
    expect((await call('GET', '/review')).body.items).toEqual([]);

    // The vendor's retry now finds its record linked, with every identifier it sent.
    expect(await link(thin)).toMatchObject({
      patientId: fhir.patientId,
      decision: 'existing',
      reason: 'same-record',
    });
    await consentFor({ system: FHIR, value: 'f-200' });
    expect(keys(await patient(fhir.patientId as string))).toEqual([
      `${FHIR}|f-200`,
      `${MRN}|MRN-200`,
      `${LAB}|L-200`,
    ]);
    const history = await call('GET', `/review/${pending.reviewId}`);
    expect(history.body).toMatchObject({
      status: 'linked',
      decidedBy: 'dr.ng',
      decisionPatientId: fhir.patientId,
      note: 'same person, checked by phone',
    });
  });

  it('merges two patients, follows the merged id, and unmerges exactly', async () => {
    const a = await link({
      source: 'ehr-fhir',
      identifiers: [
        { system: FHIR, value: 'f-300' },
        { system: MRN, value: 'MRN-300', typeCode: 'MR' },
      ],
      demographics: { names: [{ family: 'Duarte', given: ['Ines'] }], birthDate: '1990-05-05' },
    });
    const b = await link({
      source: 'wearables',
      identifiers: [{ system: 'https://api.fitbit.com/user', value: 'FB300' }],
    });
    expect(b.patientId).not.toBe(a.patientId);
    await consentFor({ system: MRN, value: 'MRN-300' });
    await consentFor({ system: 'https://api.fitbit.com/user', value: 'FB300' });
    const before = {
      a: keys(await patient(a.patientId as string)),
      b: keys(await patient(b.patientId as string)),
    };

    const merged = await post('/merges', {
      source: 'review',
      survivor: { patientId: a.patientId },
      merged: { patientId: b.patientId },
      reason: 'wearable enrolled before the EHR record existed',
      reviewer: 'dr.ng',
    });
    expect(merged).toMatchObject({
      status: 200,
      body: { status: 'merged', survivorId: a.patientId, mergedId: b.patientId, moved: 1 },
    });
    const survivor = await patient(a.patientId as string);
    expect(keys(survivor)).toEqual([...before.a, ...before.b].sort());
    // The merged id still resolves: to the survivor, with every identifier.
    const followed = await patient(b.patientId as string);
    expect(followed?.id).toBe(a.patientId);
    expect(keys(followed)).toEqual(keys(survivor));
    // A later link of the wearable account lands on the survivor.
    expect(
      await link({
        source: 'wearables',
        identifiers: [{ system: 'https://api.fitbit.com/user', value: 'FB300' }],
      }),
    ).toMatchObject({ patientId: a.patientId, reason: 'same-record' });

    const undo = await post(`/merges/${merged.body.mergeId}/undo`, { requestedBy: 'dr.ng' });
    expect(undo).toMatchObject({ status: 200, body: { status: 'undone', restored: 1 } });
    expect(keys(await patient(a.patientId as string))).toEqual(before.a);
    expect(await patient(b.patientId as string)).toMatchObject({ id: b.patientId });
    expect(keys(await patient(b.patientId as string))).toEqual(before.b);
    expect((await post(`/merges/${merged.body.mergeId}/undo`)).body).toMatchObject({
      error: { code: 'ALREADY_UNDONE' },
    });
    const history = await call('GET', `/merges?patientId=${a.patientId}`);
    expect(history.body.merges).toEqual([
      expect.objectContaining({
        id: merged.body.mergeId,
        status: 'undone',
        undoneBy: 'dr.ng',
        identifiers: 1,
      }),
    ]);
  });

  it('answers the HL7 A40 call with the feed’s own patient keys', async () => {
    const keep = await link({
      source: 'ehr-hl7v2',
      identifiers: [{ system: LAB, value: 'L-400' }],
      demographics: { names: [{ family: 'Moreau', given: ['Luc'] }], birthDate: '1966-01-09' },
    });
    const gone = await link({
      source: 'ehr-hl7v2',
      identifiers: [{ system: LAB, value: 'L-401' }],
      demographics: { names: [{ family: 'Moreau', given: ['Lucas'] }], birthDate: '1966-09-01' },
    });
    const a40 = {
      source: 'ehr-hl7v2',
      survivor: { system: LAB, value: 'L-400' },
      merged: { system: LAB, value: 'L-401' },
    };
    const merged = await post('/merges', a40);
    expect(merged).toMatchObject({
      status: 200,
      body: { status: 'merged', survivorId: keep.patientId, mergedId: gone.patientId, moved: 1 },
    });
    // The feed re-sends merges it is unsure were delivered: harmless.
    expect((await post('/merges', a40)).body).toMatchObject({
      status: 'already-merged',
      survivorId: keep.patientId,
    });
    await consentFor({ system: LAB, value: 'L-400' });
    expect(keys(await patient(gone.patientId as string))).toEqual([`${LAB}|L-400`, `${LAB}|L-401`]);

    // A merged key identity never saw still becomes reachable through the survivor.
    const unseen = await post('/merges', { ...a40, merged: { system: LAB, value: 'L-402' } });
    expect(unseen.body).toMatchObject({ status: 'merged', mergedId: null, added: 1 });
    expect(keys(await patient(keep.patientId as string))).toContain(`${LAB}|L-402`);
    // A survivor identity does not know yet: retry later, nothing changed.
    expect(
      await post('/merges', { ...a40, survivor: { system: LAB, value: 'L-999' } }),
    ).toMatchObject({
      status: 409,
      body: { error: { code: 'NOT_LINKED' } },
    });
    expect(await post('/merges', { source: 'ehr-hl7v2', survivor: {} })).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
  });
});
