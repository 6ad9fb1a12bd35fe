/**
 * The contract between vendor subgraphs and the identity service: "my vendor has a
 * patient with these identifiers and these demographics; which global patient is
 * that?". Shapes are FHIR R4 JSON so every vendor maps into one vocabulary.
 */
export interface LinkIdentifier {
  system: string;
  value: string;
  use?: string | null;
  /** HL7 v2 table 0203 type code: MR, PI, SS, AN, ... */
  typeCode?: string | null;
}

export interface FhirHumanNameJson {
  use?: string;
  text?: string;
  family?: string;
  given?: string[];
  prefix?: string[];
  suffix?: string[];
}

export interface FhirAddressJson {
  use?: string;
  text?: string;
  line?: string[];
  city?: string;
  district?: string;
  state?: string;
  postalCode?: string;
  country?: string;
}

export interface FhirContactPointJson {
  system?: string;
  value?: string;
  use?: string;
}

export interface LinkDemographics {
  names?: FhirHumanNameJson[];
  birthDate?: string | null;
  gender?: string | null;
  addresses?: FhirAddressJson[];
  telecom?: FhirContactPointJson[];
}

export interface PatientLinkRequest {
  /** The subgraph asking (ehr-fhir, ehr-hl7v2, wearables, a partner's name). */
  source: string;
  /**
   * The first identifier is the vendor's own key for the patient (its local id);
   * the rest are other identifiers the vendor holds (MRNs, SSN, device accounts).
   */
  identifiers: LinkIdentifier[];
  demographics?: LinkDemographics;
}

export type LinkDecision = 'existing' | 'created' | 'review';

export interface PatientLinkResponse {
  /** The global patient, or null while the link waits for review. */
  patientId: string | null;
  decision: LinkDecision;
  reason: string;
}
