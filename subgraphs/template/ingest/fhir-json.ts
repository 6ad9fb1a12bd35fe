import type {
  FhirAddressJson,
  FhirContactPointJson,
  FhirHumanNameJson,
} from '../../shared/patient/link-request';

/** The parts of FHIR R4 JSON this subgraph reads (http://hl7.org/fhir/R4/). */
export interface FhirCodingJson {
  system?: string;
  code?: string;
  display?: string;
}

export interface FhirCodeableConceptJson {
  coding?: FhirCodingJson[];
  text?: string;
}

export interface FhirIdentifierJson {
  system?: string;
  value?: string;
  use?: string;
  type?: FhirCodeableConceptJson;
}

export interface FhirPatientJson {
  resourceType: 'Patient';
  identifier?: FhirIdentifierJson[];
  name?: FhirHumanNameJson[];
  birthDate?: string;
  gender?: string;
  address?: FhirAddressJson[];
  telecom?: FhirContactPointJson[];
}

/** http://hl7.org/fhir/R4/diagnosticreport.html, as radiology information systems send it. */
export interface FhirDiagnosticReportJson {
  resourceType: 'DiagnosticReport';
  id: string;
  meta?: { security?: FhirCodingJson[] };
  status: string;
  category?: FhirCodeableConceptJson[];
  code: FhirCodeableConceptJson;
  effectiveDateTime?: string;
  issued?: string;
  conclusion?: string;
  conclusionCode?: FhirCodeableConceptJson[];
}

/** What a partner POSTs to /reports: the report and the patient it is about. */
export interface ReportSubmission {
  patient: FhirPatientJson;
  report: FhirDiagnosticReportJson;
}
