import path from 'node:path';
import { Wallet, type HDNodeWallet } from 'ethers';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { devOrganizationWallet, devPatientWallet } from '../../contracts/dev-accounts';
import { startTestConsentChain, type TestConsentChain } from '../../test/helpers/consent-chain';
import { GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import type { RunningServer } from '../shared/http/subgraph-server';
import type { Requester } from '../shared/requester';
import { loadIdentityConfig } from './config';
import { chainAddressLinkMessage } from './linking/chain-address-message';
import { startIdentity } from './server';

const SERVICE_TOKEN = 'test-service-token';
const MRN = 'https://riverside.example/sid/mrn';

function orgRequester(org: string, purpose = 'TREAT'): Requester {
  return {
    subject: `test:${org}`,
    organization: org,
    orgAddress: devOrganizationWallet(org).address.toLowerCase(),
    purpose,
    scopes: ['user/*.rs'],
  };
}

describe('identity subgraph (real HTTP server, SQLite store, real consent chain)', () => {
  const signer = new GatewaySigner();
  const temp = makeTempDir('identity');
  const riverside = orgRequester('riverside-health');
  const northside = orgRequester('northside-clinic');
  let chain: TestConsentChain;
  let server: RunningServer;

  beforeAll(async () => {
    chain = await startTestConsentChain(temp.dir);
    const consent = chain.consentConfig(temp.dir, 'identity');
    const config = loadIdentityConfig({
      PORT: '0',
      DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
      GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
      SERVICE_TOKEN,
      LOG_LEVEL: 'silent',
      CHAIN_RPC_URL: consent.chainRpcUrl,
      CHAIN_DEPLOYMENT_FILE: consent.deploymentFile,
      AUDIT_DATABASE_URL: consent.auditDatabaseUrl,
      CONSENT_POLL_INTERVAL_MS: '100',
    });
    server = await startIdentity(config);
  });

  afterAll(async () => {
    await server?.close();
    await chain?.stop();
    temp.cleanup();
  });

  async function post(route: string, body: unknown, token = SERVICE_TOKEN) {
    const response = await fetch(`${server.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** What a patient app does: the wallet signs, identity links it to the record. */
  async function enroll(
    identifier: { system: string; value: string },
    wallet: HDNodeWallet | Wallet,
  ) {
    const issuedAt = new Date().toISOString();
    const signature = await wallet.signMessage(
      chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt }),
    );
    return post('/chain-addresses', { identifier, address: wallet.address, issuedAt, signature });
  }

  it('creates a patient, then links another vendor through a shared identifier', async () => {
    const first = await post('/links', {
      source: 'ehr-fhir',
      identifiers: [
        { system: 'https://ehr.example/fhir/Patient', value: 'p1' },
        { system: MRN, value: 'MRN-1' },
        { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-01-0001' },
      ],
      demographics: {
        names: [{ use: 'official', family: 'Mejía', given: ['José'] }],
        birthDate: '1961-04-02',
        gender: 'male',
      },
    });
    expect(first).toMatchObject({
      status: 200,
      body: { decision: 'created', reason: 'new-patient' },
    });
    const second = await post('/links', {
      source: 'ehr-hl7v2',
      identifiers: [
        { system: 'urn:lab', value: 'H1' },
        { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-01-0001' },
      ],
    });
    expect(second.body).toMatchObject({
      patientId: first.body.patientId,
      decision: 'existing',
      reason: 'same-identifier:http://hl7.org/fhir/sid/us-ssn',
    });

    expect((await enroll({ system: MRN, value: 'MRN-1' }, devPatientWallet(0))).status).toBe(200);
    await chain.grant(
      devPatientWallet(0),
      'riverside-health',
      [ConsentCategory.Demographics],
      PurposeOfUse.TREAT,
    );

    const query =
      '{ patients(name: "mejia jose") { edges { node { id identifiers { system source } } } } }';
    type Result = {
      patients: {
        edges: { node: { id: string; identifiers: { system: string; source: string }[] } }[];
      };
    };
    const granted = await signer.query<Result>(`${server.url}/graphql`, query, {}, riverside);
    expect(granted.errors).toBeUndefined();
    expect(granted.data?.patients.edges.map((e) => e.node.id)).toEqual([first.body.patientId]);
    expect(granted.data?.patients.edges[0]?.node.identifiers.map((i) => i.source)).toEqual([
      'ehr-fhir',
      'ehr-fhir',
      'ehr-fhir',
      'ehr-hl7v2',
    ]);
    // Without consent the patient is not even listed: a search must not reveal who is a patient.
    const hidden = await signer.query<Result>(`${server.url}/graphql`, query, {}, northside);
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data?.patients.edges).toEqual([]);
  });

  it('answers a denied field with null and CONSENT_REQUIRED, and still resolves the rest', async () => {
    const found = await signer.query<{ patients: { edges: { node: { id: string } }[] } }>(
      `${server.url}/graphql`,
      '{ patients(name: "mejia") { edges { node { id } } } }',
      {},
      riverside,
    );
    const id = found.data!.patients.edges[0]!.node.id;
    const result = await signer.query<{
      patient: { id: string; name: unknown; birthDate: unknown };
    }>(
      `${server.url}/graphql`,
      'query($id: ID!) { patient(id: $id) { id name { family } birthDate } }',
      { id },
      northside,
    );
    expect(result.data?.patient).toEqual({ id, name: null, birthDate: null });
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      expect.objectContaining({
        code: 'CONSENT_REQUIRED',
        category: 'DEMOGRAPHICS',
        purpose: 'TREAT',
        patientId: id,
      }),
      expect.objectContaining({
        code: 'CONSENT_REQUIRED',
        category: 'DEMOGRAPHICS',
        purpose: 'TREAT',
        patientId: id,
      }),
    ]);
    // Nothing denied leaks into messages.
    expect(JSON.stringify(result.errors)).not.toMatch(/Mej|1961/);
  });

  it('refuses links without the service token and with invalid bodies', async () => {
    expect(
      (await post('/links', { source: 'x', identifiers: [{ system: 's', value: 'v' }] }, 'wrong'))
        .status,
    ).toBe(401);
    const bad = await post('/links', { source: '', identifiers: [] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('refuses GraphQL calls without a gateway assertion', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ patients { edges { node { id } } } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('pages through the patients the requester may see, and rejects bad arguments with BAD_USER_INPUT', async () => {
    for (let i = 0; i < 4; i++) {
      await post('/links', {
        source: 'ehr-fhir',
        identifiers: [{ system: MRN, value: `page-${i}` }],
        demographics: {
          names: [{ family: `Pager${i}`, given: ['Test'] }],
          birthDate: `1990-01-0${i + 1}`,
        },
      });
      await enroll({ system: MRN, value: `page-${i}` }, devPatientWallet(10 + i));
      // Patient 2 never consents: paging must skip it without a gap in the pages.
      if (i !== 2)
        await chain.grant(
          devPatientWallet(10 + i),
          'riverside-health',
          [ConsentCategory.Demographics],
          PurposeOfUse.TREAT,
        );
    }
    type Page = {
      patients: {
        edges: { node: { birthDate: string } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    };
    const query =
      'query($after: String) { patients(first: 2, birthDate: "1990-01", after: $after) { edges { node { birthDate } } pageInfo { endCursor hasNextPage } } }';
    const page1 = await signer.query<Page>(`${server.url}/graphql`, query, {}, riverside);
    expect(page1.data?.patients.edges.map((e) => e.node.birthDate)).toEqual([
      '1990-01-01',
      '1990-01-02',
    ]);
    expect(page1.data?.patients.pageInfo.hasNextPage).toBe(true);
    const page2 = await signer.query<Page>(
      `${server.url}/graphql`,
      query,
      { after: page1.data?.patients.pageInfo.endCursor },
      riverside,
    );
    expect(page2.data?.patients.edges.map((e) => e.node.birthDate)).toEqual(['1990-01-04']);
    expect(page2.data?.patients.pageInfo.hasNextPage).toBe(false);

    const bad = await signer.query(
      `${server.url}/graphql`,
      '{ patients(first: 1000) { edges { cursor } } }',
      {},
      riverside,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await signer.query(
      `${server.url}/graphql`,
      '{ patients(after: "???") { edges { cursor } } }',
      {},
      riverside,
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('links a chain address only when the address key signed a fresh request', async () => {
    const identifier = { system: 'https://ehr.example/fhir/Patient', value: 'wallet-owner' };
    await post('/links', { source: 'ehr-fhir', identifiers: [identifier] });
    const wallet = Wallet.createRandom();
    const issuedAt = new Date().toISOString();
    const message = chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt });
    const impostor = Wallet.createRandom();
    const forged = await post('/chain-addresses', {
      identifier,
      address: wallet.address,
      issuedAt,
      signature: await impostor.signMessage(message),
    });
    expect(forged.status).toBe(403);
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    const old = await post('/chain-addresses', {
      identifier,
      address: wallet.address,
      issuedAt: stale,
      signature: await wallet.signMessage(
        chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt: stale }),
      ),
    });
    expect(old.status).toBe(400);
    const ok = await enroll(identifier, wallet);
    expect(ok.status).toBe(200);
    await chain.grant(
      devPatientWallet(30),
      'riverside-health',
      [ConsentCategory.Demographics],
      PurposeOfUse.TREAT,
    );
    const breakGlass: Requester = {
      ...northside,
      purpose: 'ETREAT',
      breakGlassReason: 'unconscious in ED',
    };
    const result = await signer.query<{ patient: { chainAddress: string } }>(
      `${server.url}/graphql`,
      'query($id: ID!) { patient(id: $id) { chainAddress } }',
      { id: ok.body.patientId },
      breakGlass,
    );
    expect(result.data?.patient.chainAddress).toBe(wallet.address.toLowerCase());
  });
});
