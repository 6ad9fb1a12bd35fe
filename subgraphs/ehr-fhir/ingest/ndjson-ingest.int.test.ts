import { countsFromExtensions } from '../../shared/fhir/ingest-summary-extension';
import { startEhrFhirPair, type EhrFhirPair } from '../ehr-fhir.test-harness';

describe('FHIR Bulk Data NDJSON ingest (POST /fhir/$ndjson)', () => {
  let pair: EhrFhirPair;
  beforeAll(async () => {
    pair = await startEhrFhirPair({ identity: false });
  });
  afterAll(async () => {
    await pair.close();
  });

  const heartRate = (id: string, patient: string) =>
    JSON.stringify({
      resourceType: 'Observation',
      id,
      status: 'final',
      category: [
        {
          coding: [
            {
              system: 'http://terminology.hl7.org/CodeSystem/observation-category',
              code: 'vital-signs',
            },
          ],
        },
      ],
      code: { coding: [{ system: 'http://loinc.org', code: '8867-4' }] },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: '2024-03-01T10:00:00Z',
      valueQuantity: { value: 61, unit: '/min' },
    });

  it('stores every good line and reports each bad line with its number', async () => {
    const lines = [
      JSON.stringify({ resourceType: 'Patient', id: 'n-pat' }),
      heartRate('n-1', 'n-pat'),
      '{"resourceType": "Observation", "id": "broken"',
      '',
      JSON.stringify({ resourceType: 'Observation', id: 'n-nocode', status: 'final' }),
      JSON.stringify({ resourceType: 'ExplanationOfBenefit', id: 'n-eob', status: 'active' }),
      heartRate('n-2', 'n-pat'),
    ];
    const response = await pair.post(
      '/fhir/$ndjson',
      lines.join('\r\n'),
      'application/fhir+ndjson',
    );
    expect(response.status).toBe(200);
    expect(response.body.resourceType).toBe('OperationOutcome');
    const counts = countsFromExtensions(response.body.extension)!;
    expect(counts).toMatchObject({
      created: 4,
      rejected: 2,
      stored: { Patient: 1, Observation: 2, ExplanationOfBenefit: 1 },
    });
    const errors = (
      response.body.issue as {
        severity: string;
        code: string;
        diagnostics: string;
        expression?: string[];
      }[]
    ).filter((i) => i.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ code: 'structure', diagnostics: 'line 3: not valid JSON' }),
      expect.objectContaining({
        code: 'required',
        diagnostics: 'line 5: Observation.code is required',
        expression: ['Observation.code'],
      }),
    ]);
  });

  it('is idempotent: the same file again only finds duplicates', async () => {
    const body = [heartRate('d-1', 'd-pat'), heartRate('d-2', 'd-pat')].join('\n');
    await pair.post('/fhir/$ndjson', body, 'application/fhir+ndjson');
    const again = await pair.post('/fhir/$ndjson', body, 'application/fhir+ndjson');
    expect(countsFromExtensions(again.body.extension)).toMatchObject({
      created: 0,
      unchanged: 2,
      rejected: 0,
    });
  });

  it('streams a large file in chunks (more lines than one database transaction holds)', async () => {
    const lines = Array.from({ length: 1203 }, (_, i) => heartRate(`big-${i}`, 'big-pat'));
    const response = await pair.post('/fhir', lines.join('\n'), 'application/x-ndjson');
    expect(countsFromExtensions(response.body.extension)).toMatchObject({
      created: 1203,
      rejected: 0,
    });
  });
});
