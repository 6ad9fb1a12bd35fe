import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../shared/config/project-paths';
import { countsFromExtensions } from '../../shared/fhir/ingest-summary-extension';
import { startEhrFhirPair, SERVICE_TOKEN, type EhrFhirPair } from '../ehr-fhir.test-harness';

const FIXTURES = path.join(PROJECT_ROOT, 'test', 'fixtures', 'fhir-r4');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

interface EntryResponse {
  response: {
    status: string;
    location?: string;
    outcome?: {
      issue: {
        severity: string;
        code: string;
        expression?: string[];
        details?: { coding?: { code: string }[] };
      }[];
    };
  };
}

const patient = (id: string) => ({
  resourceType: 'Patient',
  id,
  gender: 'female',
  birthDate: '1970-02-03',
});
const observation = (id: string, subject: string, extra: Record<string, unknown> = {}) => ({
  resourceType: 'Observation',
  id,
  status: 'final',
  code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
  subject: { reference: subject },
  effectiveDateTime: '2024-03-01T10:00:00Z',
  valueQuantity: { value: 61, unit: '/min', system: 'http://unitsofmeasure.org', code: '/min' },
  ...extra,
});

function bundle(type: string, resources: Record<string, unknown>[]) {
  return JSON.stringify({
    resourceType: 'Bundle',
    type,
    entry: resources.map((resource) => ({
      fullUrl: `urn:uuid:${String(resource.id)}`,
      resource,
      request: { method: 'POST', url: String(resource.resourceType) },
    })),
  });
}

describe('FHIR ingest semantics (POST /fhir)', () => {
  let pair: EhrFhirPair;
  beforeAll(async () => {
    pair = await startEhrFhirPair({ identity: false });
  });
  afterAll(async () => {
    await pair.close();
  });

  async function read(key: string) {
    const response = await fetch(`${pair.ehr.url}/fhir/${key}`, {
      headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('stores the good entries of a batch and answers the bad one with an OperationOutcome', async () => {
    const bad = observation('b-bad', 'urn:uuid:b-pat', { status: undefined });
    const response = await pair.post(
      '/fhir',
      bundle('batch', [patient('b-pat'), observation('b-good', 'urn:uuid:b-pat'), bad]),
    );
    expect(response.status).toBe(200);
    expect(response.body.type).toBe('batch-response');
    const entries = response.body.entry as EntryResponse[];
    expect(entries.map((e) => e.response.status)).toEqual([
      '201 Created',
      '201 Created',
      '400 Bad Request',
    ]);
    expect(entries[2]!.response.outcome!.issue[0]).toMatchObject({
      severity: 'error',
      code: 'required',
      expression: ['Bundle.entry[2].resource.status'],
    });
    // The urn:uuid reference was resolved to Patient/b-pat.
    const stored = await read('Observation/b-good');
    expect((stored.body.subject as { reference: string }).reference).toBe('Patient/b-pat');
    expect((await read('Observation/b-bad')).status).toBe(404);
  });

  it('resolves conditional references against stored resources (identifier and _id)', async () => {
    const mrn = { system: 'urn:oid:2.16.840.1.113883.19.5', value: 'c-mrn-1' };
    const stored = await pair.post(
      '/fhir',
      bundle('transaction', [{ ...patient('c-pat'), identifier: [mrn] }]),
    );
    expect(stored.status).toBe(200);
    const response = await pair.post(
      '/fhir',
      bundle('transaction', [
        observation('c-by-identifier', `Patient?identifier=${mrn.system}|${mrn.value}`),
        observation('c-by-id', 'Patient?_id=c-pat'),
      ]),
    );
    expect(response.status).toBe(200);
    for (const key of ['Observation/c-by-identifier', 'Observation/c-by-id']) {
      const read = await fetch(`${pair.ehr.url}/fhir/${key}`, {
        headers: { authorization: `Bearer ${SERVICE_TOKEN}` },
      });
      const body = (await read.json()) as { subject: { reference: string } };
      expect(body.subject.reference).toBe('Patient/c-pat');
    }
  });

  it('fails a transaction whose conditional reference matches no stored patient, storing none of it', async () => {
    const response = await pair.post(
      '/fhir',
      bundle('transaction', [
        patient('n-pat'),
        observation('n-obs', 'Patient?identifier=urn:oid:2.16.840.1.113883.19.5|no-such-mrn'),
      ]),
    );
    expect(response.status).toBe(404);
    expect(response.body.resourceType).toBe('OperationOutcome');
    expect(response.body.issue).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'not-found',
        expression: ['Bundle.entry[1].resource.subject.reference'],
      }),
    ]);
    for (const key of ['Patient/n-pat', 'Observation/n-obs']) {
      expect((await read(key)).status).toBe(404);
    }
  });

  it('changes nothing when one entry of a transaction is invalid', async () => {
    const response = await pair.post(
      '/fhir',
      bundle('transaction', [
        patient('t-pat'),
        observation('t-ok', 'urn:uuid:t-pat'),
        observation('t-bad', 'urn:uuid:t-pat', { effectiveDateTime: 'last tuesday' }),
        observation('t-dangling', 'urn:uuid:nowhere'),
      ]),
    );
    expect(response.status).toBe(400);
    expect(response.body.resourceType).toBe('OperationOutcome');
    const issues = response.body.issue as { code: string; expression: string[] }[];
    expect(issues.map((i) => i.expression[0])).toEqual([
      'Bundle.entry[2].resource.effectiveDateTime',
      'Bundle.entry[3].resource.subject.reference',
    ]);
    for (const key of ['Patient/t-pat', 'Observation/t-ok', 'Observation/t-bad']) {
      expect((await read(key)).status).toBe(404);
    }
  });

  it('is idempotent on re-ingest and versions real changes', async () => {
    const body = bundle('transaction', [patient('i-pat'), observation('i-obs', 'urn:uuid:i-pat')]);
    expect((await pair.post('/fhir', body)).status).toBe(200);
    const again = await pair.post('/fhir', body);
    const entries = again.body.entry as EntryResponse[];
    expect(entries.map((e) => e.response.status)).toEqual(['200 OK', '200 OK']);
    expect(entries[1]!.response.location).toBe('Observation/i-obs/_history/1');
    expect(entries[1]!.response.outcome!.issue[0]!.details!.coding![0]!.code).toBe('unchanged');
    expect(
      countsFromExtensions((again.body.meta as { extension: unknown[] }).extension),
    ).toMatchObject({
      created: 0,
      unchanged: 2,
    });

    const changed = bundle('transaction', [
      patient('i-pat'),
      observation('i-obs', 'urn:uuid:i-pat', { valueQuantity: { value: 75, unit: '/min' } }),
    ]);
    const third = await pair.post('/fhir', changed);
    expect((third.body.entry as EntryResponse[])[1]!.response.location).toBe(
      'Observation/i-obs/_history/2',
    );
    const stored = await read('Observation/i-obs');
    expect(stored.body.meta).toMatchObject({ versionId: '2' });
    expect((stored.body.valueQuantity as { value: number }).value).toBe(75);
  });

  it('keeps and counts resource types the graph does not expose', async () => {
    const response = await pair.post(
      '/fhir',
      bundle('collection', [
        { resourceType: 'Organization', id: 'u-org', name: 'Clinic' },
        {
          resourceType: 'Claim',
          id: 'u-claim',
          status: 'active',
          patient: { reference: 'Patient/b-pat' },
        },
        {
          resourceType: 'Claim',
          id: 'u-claim2',
          status: 'active',
          patient: { reference: 'Patient/b-pat' },
        },
      ]),
    );
    expect(response.status).toBe(200);
    const counts = countsFromExtensions(
      (response.body.meta as { extension: unknown[] }).extension,
    )!;
    expect(counts.stored).toEqual({ Organization: 1, Claim: 2 });
    expect(counts.notExposed.sort()).toEqual(['Claim', 'Organization']);
    expect((await read('Claim/u-claim2')).status).toBe(200);
  });

  it('answers unusable requests with an OperationOutcome and a 4xx', async () => {
    const notJson = await pair.post('/fhir', '{"resourceType": "Bundle",');
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({
      resourceType: 'OperationOutcome',
      issue: [{ code: 'structure' }],
    });

    const noType = await pair.post('/fhir', JSON.stringify({ resourceType: 'Bundle', entry: [] }));
    expect(noType.status).toBe(400);
    expect(noType.body.issue).toEqual([
      expect.objectContaining({ severity: 'error', code: 'required', expression: ['Bundle.type'] }),
    ]);

    const unknown = await pair.post(
      '/fhir',
      JSON.stringify({ resourceType: 'Spaceship', id: 'x' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.issue).toEqual([
      expect.objectContaining({ code: 'not-supported', expression: ['Spaceship.resourceType'] }),
    ]);
  });

  it('round-trips a resource sent alone (the FHIR spec Patient example)', async () => {
    const text = fixture('Patient-example.json');
    const response = await pair.post('/fhir', text);
    expect(response.status).toBe(200);
    const stored = await read('Patient/example');
    const { meta, ...rest } = stored.body;
    expect(rest).toEqual(JSON.parse(text));
    expect(meta).toMatchObject({ versionId: '1' });
  });

  it("ingests a converter's batch bundle with PUTs, urn:uuid references and an id-less url", async () => {
    const text = fixture('ADT01-23-expected.json');
    const entryCount = (JSON.parse(text) as { entry: unknown[] }).entry.length;
    const response = await pair.post('/fhir', text);
    expect(response.status).toBe(200);
    const entries = response.body.entry as EntryResponse[];
    expect(entries).toHaveLength(entryCount);
    expect(entries.filter((e) => !e.response.status.startsWith('20'))).toEqual([]);
  });
});
