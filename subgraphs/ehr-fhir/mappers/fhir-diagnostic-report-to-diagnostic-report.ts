import type { DiagnosticReport } from '../diagnostic-report/diagnostic-report.type';
import { str, type FhirJson } from '../fhir/fhir-json';
import {
  idOf,
  recordSource,
  toCodeableConcepts,
  toPeriod,
  toReference,
  toReferences,
  toRequiredConcept,
} from './fhir-datatypes';

/** A stored FHIR R4 DiagnosticReport as the GraphQL DiagnosticReport. */
export function fhirDiagnosticReportToDiagnosticReport(
  resource: FhirJson,
  fhirBaseUrl: string,
): DiagnosticReport {
  return {
    id: idOf(resource),
    status: str(resource.status) ?? 'unknown',
    category: toCodeableConcepts(resource.category),
    code: toRequiredConcept(resource.code),
    encounter: toReference(resource.encounter),
    effectiveDateTime: str(resource.effectiveDateTime),
    effectivePeriod: toPeriod(resource.effectivePeriod),
    issued: str(resource.issued),
    performer: toReferences(resource.performer),
    result: toReferences(resource.result),
    conclusion: str(resource.conclusion),
    conclusionCode: toCodeableConcepts(resource.conclusionCode),
    source: recordSource(resource, fhirBaseUrl),
  };
}
