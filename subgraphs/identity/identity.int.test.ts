import path from 'node:path';
import { Wallet } from 'ethers';
import { chainAddressLinkMessage } from './linking/chain-address-message';
import { GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { loadIdentityConfig } from './config';
import { startIdentity } from './server';
import type { RunningServer } from '../shared/http/subgraph-server';

const SERVICE_TOKEN = 'test-service-token';

describe('identity subgraph (real HTTP server, SQLite store)', () => {
  const signer = new GatewaySigner();
  const temp = makeTempDir('identity');
  let server: RunningServer;

  beforeAll(async () => {
    const config = loadIdentityConfig({
      PORT: '0',
      DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}`,
      GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
      SERVICE_TOKEN,
      LOG_LEVEL: 'silent',
    });
    server = await startIdentity(config);
  });

  afterAll(async () => {
    await server.close();
    temp.cleanup();
  });

  async function link(body: unknown, token = SERVICE_TOKEN) {
    const response = await fetch(`${server.url}/links`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('creates a patient, then links another vendor through a shared identifier', async () => {
    const first = await link({
      source: 'ehr-fhir',
      identifiers: [
        { system: 'https://ehr.example/fhir/Patient', value: 'p1' },
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
    const second = await link({
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

    const result = await signer.query<{
      patients: {
        totalCount: number;
        edges: { node: { id: string; identifiers: { system: string; source: string }[] } }[];
      };
    }>(
      `${server.url}/graphql`,
      '{ patients(name: "mejia jose") { totalCount edges { node { id identifiers { system source } } } } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.patients.totalCount).toBe(1);
    expect(result.data?.patients.edges[0]?.node.identifiers.map((i) => i.source)).toEqual([
      'ehr-fhir',
      'ehr-fhir',
      'ehr-hl7v2',
    ]);
  });

  it('refuses links without the service token and with invalid bodies', async () => {
    expect(
      (await link({ source: 'x', identifiers: [{ system: 's', value: 'v' }] }, 'wrong')).status,
    ).toBe(401);
    const bad = await link({ source: '', identifiers: [] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('refuses GraphQL calls without a gateway assertion', async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ patients { totalCount } }' }),
    });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('pages through patients with cursors and rejects bad arguments with BAD_USER_INPUT', async () => {
    for (let i = 0; i < 3; i++) {
      await link({
        source: 'ehr-fhir',
        identifiers: [{ system: 'https://ehr.example/fhir/Patient', value: `page-${i}` }],
        demographics: {
          names: [{ family: `Pager${i}`, given: ['Test'] }],
          birthDate: '1990-01-0' + (i + 1),
        },
      });
    }
    const page1 = await signer.query<{
      patients: {
        edges: { node: { birthDate: string } }[];
        pageInfo: { endCursor: string; hasNextPage: boolean };
      };
    }>(
      `${server.url}/graphql`,
      '{ patients(first: 2, birthDate: "1990-01") { edges { node { birthDate } } pageInfo { endCursor hasNextPage } } }',
    );
    expect(page1.data?.patients.edges.map((e) => e.node.birthDate)).toEqual([
      '1990-01-01',
      '1990-01-02',
    ]);
    expect(page1.data?.patients.pageInfo.hasNextPage).toBe(true);
    const page2 = await signer.query<{
      patients: { edges: { node: { birthDate: string } }[]; pageInfo: { hasNextPage: boolean } };
    }>(
      `${server.url}/graphql`,
      'query($after: String) { patients(first: 2, birthDate: "1990-01", after: $after) { edges { node { birthDate } } pageInfo { hasNextPage } } }',
      { after: page1.data?.patients.pageInfo.endCursor },
    );
    expect(page2.data?.patients.edges.map((e) => e.node.birthDate)).toEqual(['1990-01-03']);
    expect(page2.data?.patients.pageInfo.hasNextPage).toBe(false);

    const bad = await signer.query(
      `${server.url}/graphql`,
      '{ patients(first: 1000) { totalCount } }',
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await signer.query(
      `${server.url}/graphql`,
      '{ patients(after: "???") { totalCount } }',
    );
    expect(badCursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('links a chain address only when the address key signed a fresh request', async () => {
    const identifier = { system: 'https://ehr.example/fhir/Patient', value: 'wallet-owner' };
    await link({ source: 'ehr-fhir', identifiers: [identifier] });
    const wallet = Wallet.createRandom();
    const issuedAt = new Date().toISOString();
    const message = chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt });
    const post = async (body: unknown) => {
      const response = await fetch(`${server.url}/chain-addresses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${SERVICE_TOKEN}` },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const impostor = Wallet.createRandom();
    const forged = await post({
      identifier,
      address: wallet.address,
      issuedAt,
      signature: await impostor.signMessage(message),
    });
    expect(forged.status).toBe(403);
    const stale = new Date(Date.now() - 3_600_000).toISOString();
    const old = await post({
      identifier,
      address: wallet.address,
      issuedAt: stale,
      signature: await wallet.signMessage(
        chainAddressLinkMessage({ ...identifier, address: wallet.address, issuedAt: stale }),
      ),
    });
    expect(old.status).toBe(400);
    const ok = await post({
      identifier,
      address: wallet.address,
      issuedAt,
      signature: await wallet.signMessage(message),
    });
    expect(ok.status).toBe(200);
    const result = await signer.query<{ patient: { chainAddress: string } }>(
      `${server.url}/graphql`,
      'query($id: ID!) { patient(id: $id) { chainAddress } }',
      { id: ok.body.patientId },
    );
    expect(result.data?.patient.chainAddress).toBe(wallet.address.toLowerCase());
  });
});
