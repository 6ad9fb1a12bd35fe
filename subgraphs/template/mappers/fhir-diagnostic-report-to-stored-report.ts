import type { StoredCoding, StoredConcept, StoredReport } from '../store/report-store';
import type {
  FhirCodeableConceptJson,
  FhirCodingJson,
  FhirDiagnosticReportJson,
} from '../ingest/fhir-json';

/** DICOM modality codes (CT, MR, US, CR, DX, ...) travel in this system. */
export const DICOM_SYSTEM = 'http://dicom.nema.org/resources/ontology/DCM';

function coding(c: FhirCodingJson): StoredCoding {
  return { system: c.system ?? null, code: c.code ?? null, display: c.display ?? null };
}

function concept(c: FhirCodeableConceptJson): StoredConcept {
  return { coding: (c.coding ?? []).map(coding), text: c.text ?? null };
}

/**
 * A validated FHIR DiagnosticReport as this subgraph stores it. Every coding is
 * kept with its system: the consent layer reads them (conclusion codes, security
 * labels) to decide which reports are specially protected.
 */
export function fhirDiagnosticReportToStoredReport(
  report: FhirDiagnosticReportJson,
  patientLocalId: string,
  receivedAt: Date,
): StoredReport {
  const modality =
    (report.category ?? [])
      .flatMap((c) => c.coding ?? [])
      .find((c) => c.system === DICOM_SYSTEM && c.code)?.code ?? null;
  return {
    id: report.id,
    patientLocalId,
    status: report.status,
    modality,
    code: concept(report.code),
    effectiveDateTime: report.effectiveDateTime ?? null,
    issued: report.issued ?? null,
    conclusion: report.conclusion ?? null,
    conclusionCode: (report.conclusionCode ?? []).map(concept),
    securityLabel: (report.meta?.security ?? []).map(coding),
    receivedAt: receivedAt.toISOString(),
  };
}
