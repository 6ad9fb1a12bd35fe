/**
 * The patient summary the benchmarks ask for: demographics (identity), recent
 * encounters and hospital visits, conditions, the last 20 labs from each EHR, and
 * the week's heart rate and glucose in daily buckets with CGM metrics (wearables).
 * Every field is consent-guarded; the benchmark organisation holds consent for all
 * of them (DEMOGRAPHICS, ENCOUNTERS, CONDITIONS, LABS, WEARABLES).
 */
const FHIR_FIELDS = `
  encounters(first: 5) { id status class { code } period { start end } }
  conditions { id clinicalStatus { coding { code } } code { coding { system code display } } onsetDateTime }
  observations(category: "laboratory", first: 20) {
    id code { coding { system code } } valueQuantity { value unit } effectiveDateTime
  }`;
const HL7_FIELDS = `
  visits(first: 5) { id status class { code } period { start end } }
  labResults(first: 20) { id code { coding { system code } } valueQuantity { value unit } effectiveDateTime }`;
const WEARABLE_FIELDS = `
  heartRate(from: $from, to: $to, bucket: "1d") { unit buckets { start count mean min max } }
  glucose(from: $from, to: $to, bucket: "1d") {
    unit buckets { start count mean min max } metrics { readings meanGlucose coveragePercent }
  }`;
const DEMOGRAPHICS = `id name { family given } birthDate gender`;

const SUMMARY_FRAGMENT = `fragment Summary on Patient {
  ${DEMOGRAPHICS}${FHIR_FIELDS}${HL7_FIELDS}${WEARABLE_FIELDS}
}`;

export const PATIENT_SUMMARY_QUERY = `query PatientSummary($id: ID!, $from: String!, $to: String!) {
  patient(id: $id) { ...Summary }
}
${SUMMARY_FRAGMENT}`;

/** The same summary for a page of patients: one query, N patients. */
export const PATIENT_PAGE_QUERY = `query PatientPage($first: Int!, $from: String!, $to: String!) {
  patients(first: $first) { edges { node { ...Summary } } }
}
${SUMMARY_FRAGMENT}`;

/** The week the summary covers, in the patients' local time (the data's last 7 days). */
export const SUMMARY_RANGE = {
  from: '2026-11-13T00:00:00-05:00',
  to: '2026-11-20T00:00:00-05:00',
};

/** What the gateway's plan sends identity (level 1): demographics plus the keys vendors need. */
export const DIRECT_IDENTITY_QUERY = `query($id: ID!) {
  patient(id: $id) { ${DEMOGRAPHICS} linkKeys { system value } consentAddress }
}`;

/** What the plan sends each vendor subgraph (level 2): its fields for the patient's representation. */
export const DIRECT_VENDOR_QUERIES = {
  'ehr-fhir': `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ${FHIR_FIELDS} } } }`,
  'ehr-hl7v2': `query($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ${HL7_FIELDS} } } }`,
  wearables: `query($r: [_Any!]!, $from: String!, $to: String!) {
    _entities(representations: $r) { ... on Patient { ${WEARABLE_FIELDS} } }
  }`,
} as const;

export interface SummaryShape {
  encounters: number;
  conditions: number;
  observations: number;
  visits: number;
  labResults: number;
  heartRateReadings: number;
  glucoseReadings: number;
}

interface SummaryData {
  encounters?: unknown[] | null;
  conditions?: unknown[] | null;
  observations?: unknown[] | null;
  visits?: unknown[] | null;
  labResults?: unknown[] | null;
  heartRate?: { buckets: { count: number }[] } | null;
  glucose?: { metrics: { readings: number } } | null;
}

/** How much a summary holds (not which values): equal for a clone and its template. */
export function summaryShape(patient: SummaryData): SummaryShape {
  return {
    encounters: patient.encounters?.length ?? -1,
    conditions: patient.conditions?.length ?? -1,
    observations: patient.observations?.length ?? -1,
    visits: patient.visits?.length ?? -1,
    labResults: patient.labResults?.length ?? -1,
    heartRateReadings: patient.heartRate?.buckets.reduce((n, b) => n + b.count, 0) ?? -1,
    glucoseReadings: patient.glucose?.metrics.readings ?? -1,
  };
}
