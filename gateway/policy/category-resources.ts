import { CATEGORIES, ConsentCategory } from '../../contracts/consent-codes';

/**
 * THE table of which FHIR resource types hold the records of each consent
 * category: what a SMART scope must let a token read before the gateway lets it
 * near a field of that category. Keep one line per category, with its reason, so
 * it can be reviewed on its own.
 *
 * When a field returns a FHIR resource type itself (`observations: [Observation]`,
 * `procedures: [Procedure]`), that type is what the field exposes and this table
 * is not consulted; the table speaks for fields whose type is not a resource
 * (`name: [HumanName]`, `heartRate: HeartRateSeries`). Such a field may expose
 * records of any type listed for its categories, so a token must be able to read
 * all of them.
 */
export const CATEGORY_RESOURCE_TYPES: Readonly<Record<ConsentCategory, readonly string[]>> =
  Object.freeze({
    // Name, birth date, gender, address, telecom and identifiers are Patient elements.
    [ConsentCategory.Demographics]: ['Patient'],
    [ConsentCategory.Encounters]: ['Encounter'],
    // The problem list and what was done about it (US Core files procedures with history).
    [ConsentCategory.Conditions]: ['Condition', 'Procedure'],
    // Orders and administered vaccines (PatientGraph files immunizations as medications).
    [ConsentCategory.Medications]: ['MedicationRequest', 'Immunization'],
    [ConsentCategory.Allergies]: ['AllergyIntolerance'],
    // Results are Observations, grouped in DiagnosticReports.
    [ConsentCategory.Labs]: ['Observation', 'DiagnosticReport'],
    [ConsentCategory.Vitals]: ['Observation'],
    // Device-measured series are Observations (FHIR vital-signs / activity profiles).
    [ConsentCategory.Wearables]: ['Observation'],
    // Specially protected categories: the types of records their codes can label
    // (see subgraphs/shared/consent/sensitivity-rules.ts: diagnoses, procedures,
    // results, medications and visits).
    [ConsentCategory.MentalHealth]: [
      'Condition',
      'Procedure',
      'Observation',
      'MedicationRequest',
      'Encounter',
    ],
    [ConsentCategory.SubstanceUse]: [
      'Condition',
      'Procedure',
      'Observation',
      'MedicationRequest',
      'Encounter',
    ],
    [ConsentCategory.Hiv]: ['Condition', 'Observation', 'DiagnosticReport', 'MedicationRequest'],
    [ConsentCategory.SexualReproductiveHealth]: [
      'Condition',
      'Procedure',
      'Observation',
      'DiagnosticReport',
      'MedicationRequest',
    ],
    // Genetic test results and genetic diagnoses.
    [ConsentCategory.Genetics]: ['Observation', 'DiagnosticReport', 'Condition'],
  });

/**
 * FHIR R4 resource types a supergraph type can stand for, by name
 * (https://hl7.org/fhir/R4/resourcelist.html, the clinical and administrative
 * ones a patient graph exposes). A field returning one of these exposes that type.
 */
export const FHIR_RESOURCE_TYPES: ReadonlySet<string> = new Set([
  ...Object.values(CATEGORY_RESOURCE_TYPES).flat(),
  'AdverseEvent',
  'CarePlan',
  'CareTeam',
  'ClinicalImpression',
  'Communication',
  'Consent',
  'Coverage',
  'Device',
  'DeviceRequest',
  'DeviceUseStatement',
  'DocumentReference',
  'EpisodeOfCare',
  'FamilyMemberHistory',
  'Goal',
  'ImagingStudy',
  'Media',
  'MedicationAdministration',
  'MedicationDispense',
  'MedicationStatement',
  'MolecularSequence',
  'NutritionOrder',
  'QuestionnaireResponse',
  'RelatedPerson',
  'RiskAssessment',
  'ServiceRequest',
  'Specimen',
]);

const POLICY_PREFIX = 'consent:';

/**
 * The consent category a supergraph `@policy` name stands for (`consent:labs` ->
 * Labs, the inverse of `policyName` in subgraphs/shared/consent/sensitive.ts);
 * undefined for other policies and for unknown categories.
 */
export function categoryOfPolicy(policy: string): ConsentCategory | undefined {
  if (!policy.startsWith(POLICY_PREFIX)) return undefined;
  const code = policy.slice(POLICY_PREFIX.length).toUpperCase();
  return CATEGORIES.find((c) => c.code === code)?.category;
}

export function isConsentPolicy(policy: string): boolean {
  return policy.startsWith(POLICY_PREFIX);
}

/**
 * The resource types a field exposes: its own type when that is a FHIR resource,
 * else every type behind its categories. Undefined when a category is unknown to
 * this table (the caller fails closed).
 */
export function resourceTypesExposed(
  categories: readonly ConsentCategory[],
  returnType?: string,
): string[] | undefined {
  if (returnType && FHIR_RESOURCE_TYPES.has(returnType)) return [returnType];
  const types = new Set<string>();
  for (const category of categories) {
    const listed = CATEGORY_RESOURCE_TYPES[category];
    if (!listed) return undefined;
    listed.forEach((t) => types.add(t));
  }
  return [...types];
}
