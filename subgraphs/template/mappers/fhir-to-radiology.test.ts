import fs from 'node:fs';
import path from 'node:path';
import type { ReportSubmission } from '../ingest/fhir-json';
import { validateReportSubmission } from '../ingest/validate-report-submission';
import { fhirDiagnosticReportToStoredReport } from './fhir-diagnostic-report-to-stored-report';
import { fhirPatientToLinkRequest } from './fhir-patient-to-link-request';

const SYSTEM = 'https://radiology.partner.example/sid/patient';
const sample = (name: string) =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '..', 'sample', name), 'utf8'),
  ) as ReportSubmission;

describe('radiology mappers', () => {
  it('maps a FHIR DiagnosticReport, keeping every coding with its system', () => {
    const stored = fhirDiagnosticReportToStoredReport(
      sample('pelvic-ultrasound.json').report,
      'RAD-1001',
      new Date('2026-11-10T00:00:00Z'),
    );
    expect(stored).toEqual({
      id: 'rad-us-1002',
      patientLocalId: 'RAD-1001',
      status: 'final',
      modality: 'US',
      code: { coding: [], text: 'US Pelvis, transvaginal' },
      effectiveDateTime: '2026-11-09T14:10:00Z',
      issued: '2026-11-09T15:30:00Z',
      conclusion: 'Findings consistent with a right tubal ectopic pregnancy.',
      conclusionCode: [
        {
          coding: [
            {
              system: 'http://hl7.org/fhir/sid/icd-10-cm',
              code: 'O00.10',
              display: 'Tubal pregnancy without intrauterine pregnancy',
            },
          ],
          text: null,
        },
      ],
      securityLabel: [],
      receivedAt: '2026-11-10T00:00:00.000Z',
    });
  });

  it('keeps security labels and tolerates a report with no category', () => {
    const { report } = sample('chest-xray.json');
    const stored = fhirDiagnosticReportToStoredReport(
      {
        ...report,
        category: undefined,
        meta: {
          security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HIV' }],
        },
      },
      'RAD-1001',
      new Date(0),
    );
    expect(stored.modality).toBeNull();
    expect(stored.securityLabel).toEqual([
      { system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode', code: 'HIV', display: null },
    ]);
  });

  it("announces the partner's own id first, then the identifiers that link", () => {
    const request = fhirPatientToLinkRequest(
      sample('chest-xray.json').patient,
      'radiology',
      SYSTEM,
      'RAD-1001',
    );
    expect(request.source).toBe('radiology');
    expect(request.identifiers).toEqual([
      { system: SYSTEM, value: 'RAD-1001', typeCode: 'PI' },
      { system: 'http://hl7.org/fhir/sid/us-ssn', value: '999-41-1001', use: null, typeCode: null },
    ]);
    expect(request.demographics?.birthDate).toBe('1971-04-12');
  });
});

describe('validateReportSubmission', () => {
  it('accepts the samples', () => {
    for (const name of ['chest-xray.json', 'pelvic-ultrasound.json']) {
      const result = validateReportSubmission(sample(name), SYSTEM);
      expect(result.problems).toEqual([]);
      expect(result.localId).toBe('RAD-1001');
    }
  });

  it('reports every problem at once, with where it is', () => {
    const { patient, report } = sample('chest-xray.json');
    const result = validateReportSubmission(
      {
        patient: { ...patient, identifier: [{ system: 'urn:other', value: '1' }], gender: 'F' },
        report: { ...report, id: 'bad id!', status: 'done', code: {}, issued: 'yesterday' },
      },
      SYSTEM,
    );
    expect(result.submission).toBeUndefined();
    expect(result.problems.map((p) => p.expression)).toEqual([
      'patient.identifier',
      'patient.gender',
      'report.id',
      'report.status',
      'report.code',
      'report.issued',
    ]);
  });

  it.each([null, [], 'text', { patient: {}, report: {} }])('refuses %j', (body) => {
    expect(validateReportSubmission(body, SYSTEM).problems.length).toBeGreaterThan(0);
  });
});
