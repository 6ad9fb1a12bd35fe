import type { CodeableConcept, Coding } from '../../shared/fhir/coding.type';
import { clean, componentValue, type Hl7Components } from '../hl7/hl7-access';

/**
 * HL7 v2 coding system names (table 0396, CWE.3) to FHIR system URIs, as the HL7
 * v2-to-FHIR IG names them. A v2 table (HL70078) becomes its terminology.hl7.org
 * CodeSystem, an OID becomes urn:oid:, and a local name keeps its identity under
 * a PatientGraph URN so the code stays searchable as `system|code`.
 */
const CODING_SYSTEMS: Record<string, string> = {
  LN: 'http://loinc.org',
  LOINC: 'http://loinc.org',
  SCT: 'http://snomed.info/sct',
  SNM: 'http://snomed.info/sct',
  SNM3: 'http://snomed.info/sct',
  SNOMED: 'http://snomed.info/sct',
  SNOMEDCT: 'http://snomed.info/sct',
  I9: 'http://hl7.org/fhir/sid/icd-9-cm',
  I9C: 'http://hl7.org/fhir/sid/icd-9-cm',
  I9CDX: 'http://hl7.org/fhir/sid/icd-9-cm',
  I10: 'http://hl7.org/fhir/sid/icd-10',
  I10C: 'http://hl7.org/fhir/sid/icd-10-cm',
  ICD10CM: 'http://hl7.org/fhir/sid/icd-10-cm',
  UCUM: 'http://unitsofmeasure.org',
  RXNORM: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  RXN: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  C4: 'http://www.ama-assn.org/go/cpt',
  C5: 'http://www.ama-assn.org/go/cpt',
  CPT: 'http://www.ama-assn.org/go/cpt',
  NDC: 'http://hl7.org/fhir/sid/ndc',
  CVX: 'http://hl7.org/fhir/sid/cvx',
  CDCREC: 'urn:oid:2.16.840.1.113883.6.238',
  ISO3166_1: 'urn:iso:std:iso:3166',
  ISO4217: 'urn:iso:std:iso:4217',
};

export const LOCAL_CODING_SYSTEM_PREFIX = 'urn:patientgraph:hl7v2:codesystem:';

export function codingSystemUri(name: string): string | null {
  const text = name.trim();
  if (!text) return null;
  const known = CODING_SYSTEMS[text.toUpperCase()];
  if (known) return known;
  const table = /^HL7(\d{4})$/i.exec(text);
  if (table) return `http://terminology.hl7.org/CodeSystem/v2-${table[1]}`;
  if (/^\d+(\.\d+)+$/.test(text)) return `urn:oid:${text}`;
  if (/^(https?:\/\/|urn:)/i.test(text)) return text;
  return `${LOCAL_CODING_SYSTEM_PREFIX}${encodeURIComponent(text)}`;
}

function coding(
  components: Hl7Components,
  code: number,
  display: number,
  system: number,
  version: number,
): Coding | null {
  const value = clean(componentValue(components, code));
  if (!value) return null;
  return {
    system: codingSystemUri(componentValue(components, system)),
    version: clean(componentValue(components, version)) || null,
    code: value,
    display: clean(componentValue(components, display)) || null,
    userSelected: null,
  };
}

/**
 * A CE/CWE/CNE value as a CodeableConcept: the identifier triplet, the alternate
 * triplet and (v2.7+) the second alternate, text from original text (CWE.9) or
 * the first display. Null when the value carries neither a code nor text.
 */
export function cweToCodeableConcept(components: Hl7Components): CodeableConcept | null {
  const codings = [
    coding(components, 1, 2, 3, 7),
    coding(components, 4, 5, 6, 8),
    coding(components, 10, 11, 12, 13),
  ].filter((c): c is Coding => c !== null);
  const text =
    clean(componentValue(components, 9)) ||
    clean(componentValue(components, 2)) ||
    (codings.length === 0 ? clean(componentValue(components, 1)) : '');
  if (codings.length === 0 && !text) return null;
  return { coding: codings, text: text || null };
}

/** A plain code from an HL7 table, with its v2 table system. */
export function v2TableConcept(table: string, code: string, display?: string): CodeableConcept {
  return {
    coding: [
      {
        system: `http://terminology.hl7.org/CodeSystem/v2-${table}`,
        code,
        display: display ?? null,
        version: null,
        userSelected: null,
      },
    ],
    text: null,
  };
}
