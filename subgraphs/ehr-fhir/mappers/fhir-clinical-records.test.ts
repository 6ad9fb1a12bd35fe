import { fhirAllergyIntoleranceToAllergyIntolerance } from './fhir-allergy-intolerance-to-allergy-intolerance';
import { fhirConditionToCondition } from './fhir-condition-to-condition';
import { fhirDiagnosticReportToDiagnosticReport } from './fhir-diagnostic-report-to-diagnostic-report';
import { fhirImmunizationToImmunization } from './fhir-immunization-to-immunization';
import { fhirMedicationRequestToMedicationRequest } from './fhir-medication-request-to-medication-request';
import { fhirProcedureToProcedure } from './fhir-procedure-to-procedure';

const BASE = 'https://ehr.example/fhir';

describe('FHIR clinical resources to GraphQL', () => {
  it('maps a Condition keeping SNOMED CT and ICD-10-CM codings', () => {
    const condition = fhirConditionToCondition(
      {
        resourceType: 'Condition',
        id: 'c1',
        clinicalStatus: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/condition-clinical', code: 'active' },
          ],
        },
        code: {
          coding: [
            { system: 'http://snomed.info/sct', code: '86406008' },
            { system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'B20' },
          ],
        },
        onsetDateTime: '2019-05-01',
        recordedDate: '2019-05-02',
      },
      BASE,
    );
    expect(condition.code?.coding.map((c) => c.code)).toEqual(['86406008', 'B20']);
    expect(condition.clinicalStatus?.coding[0]!.code).toBe('active');
    expect(condition.onsetDateTime).toBe('2019-05-01');
    expect(condition.source.recordId).toBe('Condition/c1');
  });

  it('maps a MedicationRequest with RxNorm code and dosage', () => {
    const request = fhirMedicationRequestToMedicationRequest(
      {
        resourceType: 'MedicationRequest',
        id: 'm1',
        status: 'active',
        intent: 'order',
        medicationCodeableConcept: {
          coding: [{ system: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '860975' }],
        },
        authoredOn: '2024-01-02T10:00:00Z',
        dosageInstruction: [
          {
            sequence: 1,
            text: '500 mg twice daily',
            timing: { repeat: { frequency: 2, period: 1, periodUnit: 'd' } },
            doseAndRate: [{ doseQuantity: { value: 500, unit: 'mg' } }],
          },
        ],
        reasonReference: [{ reference: 'Condition/c1' }],
      },
      BASE,
    );
    expect(request.medicationCodeableConcept?.coding[0]!.code).toBe('860975');
    expect(request.dosageInstruction[0]).toMatchObject({
      text: '500 mg twice daily',
      timing: { frequency: 2, period: 1, periodUnit: 'd' },
      doseQuantity: { value: 500, unit: 'mg' },
    });
    expect(request.reasonReference[0]!.reference).toBe('Condition/c1');
  });

  it('maps an AllergyIntolerance with its reactions', () => {
    const allergy = fhirAllergyIntoleranceToAllergyIntolerance(
      {
        resourceType: 'AllergyIntolerance',
        id: 'a1',
        category: ['food'],
        criticality: 'high',
        code: { coding: [{ system: 'http://snomed.info/sct', code: '91935009' }] },
        reaction: [{ manifestation: [{ coding: [{ code: '39579001' }] }], severity: 'severe' }],
      },
      BASE,
    );
    expect(allergy.category).toEqual(['food']);
    expect(allergy.reaction[0]).toMatchObject({
      severity: 'severe',
      manifestation: [{ coding: [{ code: '39579001' }] }],
    });
  });

  it('maps Immunization, Procedure and DiagnosticReport', () => {
    const immunization = fhirImmunizationToImmunization(
      {
        resourceType: 'Immunization',
        id: 'i1',
        status: 'completed',
        vaccineCode: { coding: [{ system: 'http://hl7.org/fhir/sid/cvx', code: '140' }] },
        occurrenceDateTime: '2013-01-04T01:17:52+00:00',
        primarySource: true,
      },
      BASE,
    );
    expect(immunization).toMatchObject({
      vaccineCode: { coding: [{ code: '140' }] },
      primarySource: true,
    });
    const procedure = fhirProcedureToProcedure(
      {
        resourceType: 'Procedure',
        id: 'p1',
        status: 'completed',
        code: { coding: [{ code: '428191000124101' }] },
        performedPeriod: { start: '2013-01-04T01:17:52+00:00', end: '2013-01-04T01:32:52+00:00' },
      },
      BASE,
    );
    expect(procedure.performedPeriod?.end).toBe('2013-01-04T01:32:52+00:00');
    const report = fhirDiagnosticReportToDiagnosticReport(
      {
        resourceType: 'DiagnosticReport',
        id: 'd1',
        status: 'final',
        code: { coding: [{ code: '51990-0' }] },
        result: [{ reference: 'Observation/o1', display: 'Glucose' }],
      },
      BASE,
    );
    expect(report.result).toEqual([
      { reference: 'Observation/o1', type: null, display: 'Glucose' },
    ]);
  });
});
