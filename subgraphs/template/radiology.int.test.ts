import fs from 'node:fs';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { ConsentCategory, PurposeOfUse } from '../../contracts/consent-codes';
import { readFieldPolicies } from '../../gateway/policy/supergraph-policies';
import { devOrganizationWallet, devPatientWallet } from '../../contracts/dev-accounts';
import { startTestConsentChain, type TestConsentChain } from '../../test/helpers/consent-chain';
import { consentEnv } from '../../test/helpers/consent-env';
import { BREAK_GLASS_REQUESTER, GatewaySigner } from '../../test/helpers/gateway-signer';
import { makeTempDir } from '../../test/helpers/temp-dir';
import type { RunningServer } from '../shared/http/subgraph-server';
import type { Requester } from '../shared/requester';
import { loadIdentityConfig } from '../identity/config';
import { buildEhrFhirSchema } from '../ehr-fhir/server';
import { buildEhrHl7v2Schema } from '../ehr-hl7v2/server';
import { buildIdentitySchema, startIdentity } from '../identity/server';
import { buildWearablesSchema } from '../wearables/server';
import { loadRadiologyConfig } from './config';
import { buildRadiologySchema, startRadiology } from './server';

const SERVICE_TOKEN = 'test-service-token';
const SYSTEM = 'https://radiology.partner.example/sid/patient';
const sample = (name: string) => fs.readFileSync(path.join(__dirname, 'sample', name), 'utf8');

const QUERY = `query($reps: [_Any!]!, $modality: String) {
  _entities(representations: $reps) {
    ... on Patient {
      radiologyReports(modality: $modality) {
        id status modality conclusion effectiveDateTime
        code { text coding { system code } }
        conclusionCode { coding { system code } }
        source { subgraph system recordId format }
      }
    }
  }
}`;

type Reports = { _entities: { radiologyReports: { id: string }[] | null }[] };

/**
 * The partner template as a subgraph on its own: the real identity service links
 * its patients, a real chain holds consents, and calls are signed as the gateway
 * would sign them. Consent is exercised here at the subgraph (field and record
 * level); test/partner-subgraph.int.test.ts does it again through the gateway.
 */
describe('partner radiology subgraph (template)', () => {
  const temp = makeTempDir('radiology');
  const signer = new GatewaySigner(BREAK_GLASS_REQUESTER);
  const patientWallet = devPatientWallet(3);
  const clinic: Requester = {
    subject: 'test:northside',
    organization: 'northside-clinic',
    orgAddress: devOrganizationWallet('northside-clinic').address,
    purpose: 'TREAT',
    scopes: ['user/*.rs'],
  };
  let chain: TestConsentChain;
  let identity: RunningServer;
  let radiology: RunningServer;
  let patientId: string;

  const env = () => ({
    ...consentEnv(chain, temp.dir),
    PORT: '0',
    GATEWAY_ASSERTION_PUBLIC_KEY: signer.publicKeyPem,
    SERVICE_TOKEN,
    LOG_LEVEL: 'silent',
  });

  beforeAll(async () => {
    chain = await startTestConsentChain(temp.dir);
    identity = await startIdentity(
      loadIdentityConfig({ ...env(), DATABASE_URL: `file:${path.join(temp.dir, 'identity.db')}` }),
    );
    radiology = await startRadiology(
      loadRadiologyConfig({
        ...env(),
        IDENTITY_URL: identity.url,
        REPORTS_FILE: path.join(temp.dir, 'reports.json'),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await radiology?.close();
    await identity?.close();
    await chain?.stop();
    temp.cleanup();
  });

  async function submit(body: string, token = SERVICE_TOKEN, url = radiology.url) {
    const response = await fetch(`${url}/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  const reps = () => [
    {
      __typename: 'Patient',
      id: patientId,
      linkKeys: [{ system: SYSTEM, value: 'RAD-1001' }],
      consentAddress: patientWallet.address,
    },
  ];

  it('composes with the four PatientGraph subgraphs', async () => {
    const core = await Promise.all(
      (['identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables'] as const).map(async (name) => ({
        name,
        url: `http://${name}.invalid/graphql`,
        typeDefs: parse(
          printSubgraphSchema(
            await {
              identity: buildIdentitySchema,
              'ehr-fhir': buildEhrFhirSchema,
              'ehr-hl7v2': buildEhrHl7v2Schema,
              wearables: buildWearablesSchema,
            }[name](),
          ),
        ),
      })),
    );
    const result = composeServices([
      ...core,
      {
        name: 'radiology',
        url: 'http://radiology.invalid/graphql',
        typeDefs: parse(printSubgraphSchema(await buildRadiologySchema())),
      },
    ]);
    expect(result.errors).toBeUndefined();
    // The field is sensitive in the supergraph too, for the gateway's edge checks.
    expect(readFieldPolicies(result.supergraphSdl!).get('Patient.radiologyReports')).toEqual({
      policies: [['consent:labs']],
      authenticated: false,
      scopes: [],
    });
  });

  it('links the patient through identity and stores the reports', async () => {
    const first = await submit(sample('chest-xray.json'));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ reportId: 'rad-cxr-1001', decision: 'created' });
    patientId = first.body.patientId as string;
    const second = await submit(sample('pelvic-ultrasound.json'));
    expect(second.body).toMatchObject({ reportId: 'rad-us-1002', decision: 'existing', patientId });
    // Resending replaces: still two reports.
    expect((await submit(sample('chest-xray.json'))).status).toBe(200);

    const result = await signer.query<{
      _entities: { radiologyReports: Record<string, unknown>[] }[];
    }>(radiology.url + '/graphql', QUERY, { reps: reps() });
    expect(result.errors).toBeUndefined();
    const reports = result.data!._entities[0]!.radiologyReports;
    expect(reports.map((r) => r.id)).toEqual(['rad-us-1002', 'rad-cxr-1001']);
    expect(reports[1]).toEqual({
      id: 'rad-cxr-1001',
      status: 'final',
      modality: 'DX',
      conclusion: 'No acute cardiopulmonary process.',
      effectiveDateTime: '2026-11-02T09:40:00Z',
      code: {
        text: 'Chest X-ray, PA and lateral',
        coding: [{ system: 'http://loinc.org', code: '36643-5' }],
      },
      conclusionCode: [],
      source: {
        subgraph: 'radiology',
        system: 'https://radiology.partner.example/sid/report',
        recordId: 'rad-cxr-1001',
        format: 'FHIR R4',
      },
    });
    const ct = await signer.query<Reports>(radiology.url + '/graphql', QUERY, {
      reps: reps(),
      modality: 'US',
    });
    expect(ct.data!._entities[0]!.radiologyReports!.map((r) => r.id)).toEqual(['rad-us-1002']);
  });

  it('enforces consent per field and per record', async () => {
    const ask = () =>
      signer.query<Reports>(radiology.url + '/graphql', QUERY, { reps: reps() }, clinic);
    const denied = await ask();
    expect(denied.data!._entities[0]!.radiologyReports).toBeNull();
    expect(denied.errors?.[0]?.extensions).toMatchObject({
      code: 'CONSENT_REQUIRED',
      category: 'LABS',
      patientId,
    });

    await chain.grant(
      patientWallet,
      'northside-clinic',
      [ConsentCategory.Labs],
      PurposeOfUse.TREAT,
    );
    const until = Date.now() + 5_000;
    let labsOnly = await ask();
    while (!labsOnly.data!._entities[0]!.radiologyReports && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 100));
      labsOnly = await ask();
    }
    // The ectopic pregnancy (ICD-10-CM O00.10) is sexual and reproductive health:
    // withheld without a grant of that category too, and without a trace.
    expect(labsOnly.data!._entities[0]!.radiologyReports!.map((r) => r.id)).toEqual([
      'rad-cxr-1001',
    ]);
    expect(labsOnly.errors).toBeUndefined();

    await chain.grant(
      patientWallet,
      'northside-clinic',
      [ConsentCategory.SexualReproductiveHealth],
      PurposeOfUse.TREAT,
    );
    const deadline = Date.now() + 5_000;
    let both = await ask();
    while (both.data!._entities[0]!.radiologyReports!.length < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      both = await ask();
    }
    expect(both.data!._entities[0]!.radiologyReports!.map((r) => r.id)).toEqual([
      'rad-us-1002',
      'rad-cxr-1001',
    ]);
  });

  it('answers only the gateway and services holding the token', async () => {
    const unsigned = await fetch(`${radiology.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(unsigned.status).toBe(401);
    expect((await submit(sample('chest-xray.json'), 'wrong-token')).status).toBe(401);
  });

  it('refuses bad submissions with every problem, storing nothing', async () => {
    const bad = JSON.parse(sample('chest-xray.json')) as {
      patient: Record<string, unknown>;
      report: Record<string, unknown>;
    };
    bad.report.id = 'new-report';
    bad.report.status = 'signed';
    bad.patient.identifier = [];
    const refused = await submit(JSON.stringify(bad));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({
      code: 'BAD_REQUEST',
      problems: [
        { expression: 'patient.identifier', message: expect.stringContaining(SYSTEM) },
        { expression: 'report.status', message: expect.any(String) },
      ],
    });
    expect((await submit('{not json')).status).toBe(400);
    const stored = JSON.parse(fs.readFileSync(path.join(temp.dir, 'reports.json'), 'utf8')) as {
      reports: { id: string }[];
    };
    expect(stored.reports.map((r) => r.id).sort()).toEqual(['rad-cxr-1001', 'rad-us-1002']);
  });

  it('stores nothing while identity is unreachable, and says to resend', async () => {
    const offline = await startRadiology(
      loadRadiologyConfig({
        ...env(),
        SUBGRAPH_NAME: 'radiology-offline',
        IDENTITY_URL: 'http://127.0.0.1:9',
        REPORTS_FILE: path.join(temp.dir, 'offline.json'),
      }),
    );
    try {
      const result = await submit(sample('chest-xray.json'), SERVICE_TOKEN, offline.url);
      expect(result.status).toBe(503);
      expect(result.body.error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE' });
      expect(fs.existsSync(path.join(temp.dir, 'offline.json'))).toBe(false);
    } finally {
      await offline.close();
    }
  });
});
