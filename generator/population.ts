import { ALLERGIES } from './catalog/allergies';
import { CONDITIONS } from './catalog/conditions';
import { LAB_PANELS, LABS, labByKey } from './catalog/labs';
import { MEDICATIONS } from './catalog/medications';
import {
  FAMILY_NAMES,
  GIVEN_NAMES_FEMALE,
  GIVEN_NAMES_MALE,
  STREETS,
  TOWNS,
} from './catalog/names';
import { Random } from './random';

/**
 * The synthetic population: who the people are and what happened to them, before
 * any vendor format. Emitters (generator/emit/) write each person into each
 * vendor's own format under that vendor's local ids. Every person is a pure
 * function of (seed, index, asOf), so any size can be streamed.
 */
export interface PopulationOptions {
  seed: number;
  size: number;
  /** The day the data runs up to (UTC). Events are placed relative to it. */
  asOf: Date;
  /** Days of wearable streams before asOf. */
  wearableDays: number;
}

export const DEFAULT_POPULATION: Omit<PopulationOptions, 'asOf'> = {
  seed: 20261125,
  size: 12,
  wearableDays: 7,
};

export type Source = 'ehr-fhir' | 'ehr-hl7v2';

export interface PersonCondition {
  key: string;
  /** Local id of the Condition in the FHIR EHR. */
  id: string;
  onsetDate: string;
}

export interface PersonMedication {
  key: string;
  id: string;
  authoredOn: string;
  status: 'active' | 'stopped';
}

export interface PersonAllergy {
  key: string;
  id: string;
  recordedDate: string;
}

export interface LabResult {
  id: string;
  key: string;
  /** Panel the result was ordered in (HL7 OBR), when any. */
  panel: string | null;
  /** Numeric result, or the qualitative answer. */
  value: number | 'positive' | 'negative';
  effective: string;
}

export interface VitalSigns {
  id: string;
  heartRate: number;
  systolic: number;
  diastolic: number;
  weightKg: number;
  heightCm: number;
  bmi: number;
  temperatureC: number;
  oxygenSaturation: number;
  respiratoryRate: number;
}

export interface PersonEncounter {
  id: string;
  source: Source;
  kind: 'ambulatory' | 'emergency' | 'inpatient';
  start: string;
  end: string;
  /** The condition key this visit was for, if any. */
  reason: string | null;
  /** HL7 v2 visit number (PV1-19) for hospital visits. */
  visitNumber: string | null;
  vitals: VitalSigns | null;
  labs: LabResult[];
}

export interface WearableProfile {
  /** Fitbit-style account id. */
  userId: string;
  restingHeartRate: number;
  dailySteps: number;
  sleepHours: number;
  /** Dexcom-style CGM, for people with diabetes who wear one. */
  cgm: { serial: string; meanGlucose: number; sd: number } | null;
}

export interface Person {
  index: number;
  key: string;
  gender: 'male' | 'female';
  name: { family: string; given: string[]; prefix: string };
  birthDate: string;
  address: { line: string; city: string; state: string; postalCode: string; country: string };
  phone: string;
  /** 999-prefixed: a range the SSA never issues, so no real person can match. */
  ssn: string;
  smoking: 'never' | 'former' | 'current';
  ids: {
    /** Patient resource id in the FHIR EHR. */
    fhirPatientId: string;
    /** The EHR's medical record number. */
    mrn: string;
    /** The HL7 v2 feed's own patient id (PID-3, assigning authority of the hospital lab). */
    hl7PatientId: string;
  };
  /** Index of the patient's key on the consent chain (HD wallet path of the dev mnemonic). */
  walletIndex: number;
  conditions: PersonCondition[];
  medications: PersonMedication[];
  allergies: PersonAllergy[];
  encounters: PersonEncounter[];
  wearable: WearableProfile | null;
}

const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

/** A lab value for this person: shifted out of range by the conditions that drive it. */
function labValue(random: Random, key: string, conditions: Set<string>): LabResult['value'] {
  const lab = labByKey(key);
  if (lab.qualitative) {
    const positive =
      (key === 'hiv-screen' && conditions.has('hiv')) ||
      (key === 'opiates-urine' && conditions.has('opioid-use')) ||
      (key === 'chlamydia-naa' && conditions.has('chlamydia')) ||
      (key === 'brca1' && conditions.has('brca1'));
    return positive ? 'positive' : 'negative';
  }
  let [mean, sd] = lab.normal;
  if (conditions.has('diabetes') && key === 'hba1c') [mean, sd] = [7.8, 0.9];
  if (conditions.has('diabetes') && key === 'glucose') [mean, sd] = [165, 35];
  if (conditions.has('prediabetes') && key === 'hba1c') [mean, sd] = [6.0, 0.2];
  if (conditions.has('prediabetes') && key === 'glucose') [mean, sd] = [110, 8];
  if (conditions.has('hyperlipidemia') && key === 'ldl') [mean, sd] = [160, 25];
  if (conditions.has('hyperlipidemia') && key === 'cholesterol') [mean, sd] = [245, 25];
  if (conditions.has('ckd3') && key === 'egfr') [mean, sd] = [45, 7];
  if (conditions.has('ckd3') && key === 'creatinine') [mean, sd] = [1.7, 0.2];
  return Math.max(0, round(random.normal(mean, sd), lab.decimals));
}

function vitalsFor(
  random: Random,
  id: string,
  person: { age: number; conditions: Set<string>; gender: string },
): VitalSigns {
  const heightCm = round(random.normal(person.gender === 'male' ? 176 : 162, 7), 1);
  const bmiTarget = person.conditions.has('obesity') ? random.normal(33, 3) : random.normal(25, 3);
  const weightKg = round((bmiTarget * heightCm * heightCm) / 10_000, 1);
  const hypertensive = person.conditions.has('hypertension');
  return {
    id,
    heartRate: Math.round(random.normal(72, 8)),
    systolic: Math.round(random.normal(hypertensive ? 148 : 118, 9)),
    diastolic: Math.round(random.normal(hypertensive ? 92 : 76, 6)),
    weightKg,
    heightCm,
    bmi: round((weightKg * 10_000) / (heightCm * heightCm), 1),
    temperatureC: round(random.normal(36.8, 0.25), 1),
    oxygenSaturation: Math.min(100, Math.round(random.normal(97.5, 1))),
    respiratoryRate: Math.round(random.normal(15, 2)),
  };
}

/** Generates one person. Pure: the same (options, index) always gives the same person. */
export function generatePerson(options: PopulationOptions, index: number): Person {
  const random = new Random(options.seed, 'person', index);
  const asOf = Date.UTC(
    options.asOf.getUTCFullYear(),
    options.asOf.getUTCMonth(),
    options.asOf.getUTCDate(),
  );
  const gender = random.chance(0.5) ? 'female' : 'male';
  const age = random.int(18, 88);
  const birthMs = asOf - age * 365.25 * DAY - random.int(0, 364) * DAY;
  const given = [random.pick(gender === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE)];
  if (random.chance(0.4))
    given.push(random.pick(gender === 'female' ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE));
  const town = random.pick(TOWNS);
  const ids = random.fork('ids');

  const conditionRandom = random.fork('conditions');
  const conditions: PersonCondition[] = [];
  for (const definition of CONDITIONS) {
    if (age < definition.minAge || !conditionRandom.chance(definition.prevalence)) continue;
    if (definition.key === 'prediabetes' && conditions.some((c) => c.key === 'diabetes')) continue;
    const onsetAge = conditionRandom.int(definition.minAge, age);
    conditions.push({
      key: definition.key,
      id: ids.uuid(),
      onsetDate: isoDate(birthMs + onsetAge * 365.25 * DAY + conditionRandom.int(0, 300) * DAY),
    });
  }
  // Every fourth person has diabetes whatever the draw, so a small default
  // population always has CGM streams and out-of-range labs to show.
  if (index % 4 === 0 && !conditions.some((c) => c.key === 'diabetes')) {
    const withoutPre = conditions.filter((c) => c.key !== 'prediabetes');
    conditions.length = 0;
    conditions.push(...withoutPre, {
      key: 'diabetes',
      id: ids.uuid(),
      onsetDate: isoDate(asOf - conditionRandom.int(400, 3000) * DAY),
    });
  }
  const has = new Set(conditions.map((c) => c.key));

  const medRandom = random.fork('medications');
  const medications: PersonMedication[] = MEDICATIONS.filter((m) => has.has(m.treats))
    .filter((m) => m.key !== 'insulin' || medRandom.chance(0.3))
    .map((m) => ({
      key: m.key,
      id: ids.uuid(),
      authoredOn: isoDateTime(
        asOf - medRandom.int(30, 900) * DAY + medRandom.int(8, 17) * 3_600_000,
      ),
      status: medRandom.chance(0.9) ? 'active' : 'stopped',
    }));

  const allergyRandom = random.fork('allergies');
  const allergies: PersonAllergy[] = ALLERGIES.filter((a) =>
    allergyRandom.chance(a.prevalence),
  ).map((a) => ({
    key: a.key,
    id: ids.uuid(),
    recordedDate: isoDate(asOf - allergyRandom.int(200, 3000) * DAY),
  }));

  const encounterRandom = random.fork('encounters');
  const encounters: PersonEncounter[] = [];
  const visitCount = encounterRandom.int(3, 6);
  const chronicKeys = conditions.map((c) => c.key);
  for (let v = 0; v < visitCount; v++) {
    // The last visit is always recent, so "latest" queries have something to show.
    const daysAgo =
      v === visitCount - 1 ? encounterRandom.int(2, 20) : encounterRandom.int(21, 1000);
    const start = asOf - daysAgo * DAY + encounterRandom.int(8, 16) * 3_600_000;
    const reason =
      chronicKeys.length && encounterRandom.chance(0.7) ? encounterRandom.pick(chronicKeys) : null;
    const labKeys = ['glucose', 'creatinine'];
    if (has.has('diabetes') || has.has('prediabetes')) labKeys.push('hba1c');
    if (has.has('hyperlipidemia') || encounterRandom.chance(0.3))
      labKeys.push('cholesterol', 'ldl', 'hdl', 'triglycerides');
    if (has.has('ckd3')) labKeys.push('egfr');
    if (reason === 'hiv') labKeys.push('hiv-screen');
    if (reason === 'opioid-use') labKeys.push('opiates-urine');
    if (reason === 'chlamydia') labKeys.push('chlamydia-naa');
    if (reason === 'brca1') labKeys.push('brca1');
    const withLabs = v === visitCount - 1 || encounterRandom.chance(0.5);
    encounters.push({
      id: ids.uuid(),
      source: 'ehr-fhir',
      kind: 'ambulatory',
      start: isoDateTime(start),
      end: isoDateTime(start + encounterRandom.int(15, 45) * 60_000),
      reason,
      visitNumber: null,
      vitals: vitalsFor(encounterRandom, ids.uuid(), { age, conditions: has, gender }),
      labs: withLabs
        ? labKeys.map((key) => ({
            id: ids.uuid(),
            key,
            panel: null,
            value: labValue(encounterRandom, key, has),
            effective: isoDateTime(start + 20 * 60_000),
          }))
        : [],
    });
  }
  // Hospital visits come through the HL7 v2 feed (ADT + ORU), each with lab panels.
  const hospitalVisits = encounterRandom.int(1, 2);
  for (let h = 0; h < hospitalVisits; h++) {
    const kind = encounterRandom.chance(0.6) ? 'emergency' : 'inpatient';
    const daysAgo = h === 0 ? encounterRandom.int(3, 40) : encounterRandom.int(41, 900);
    const start = asOf - daysAgo * DAY + encounterRandom.int(0, 23) * 3_600_000;
    const length =
      kind === 'inpatient'
        ? encounterRandom.int(1, 5) * DAY
        : encounterRandom.int(3, 9) * 3_600_000;
    const panels = ['bmp', 'cbc'];
    if (has.has('diabetes')) panels.push('a1c');
    if (encounterRandom.chance(0.3)) panels.push('lipids');
    const labs: LabResult[] = [];
    for (const panelKey of panels) {
      const panel = LAB_PANELS.find((p) => p.key === panelKey)!;
      for (const key of panel.labs) {
        labs.push({
          id: ids.uuid(),
          key,
          panel: panelKey,
          value: labValue(encounterRandom, key, has),
          effective: isoDateTime(start + 90 * 60_000),
        });
      }
    }
    if (has.has('opioid-use') && kind === 'emergency') {
      labs.push({
        id: ids.uuid(),
        key: 'opiates-urine',
        panel: null,
        value: labValue(encounterRandom, 'opiates-urine', has),
        effective: isoDateTime(start + 60 * 60_000),
      });
    }
    encounters.push({
      id: ids.uuid(),
      source: 'ehr-hl7v2',
      kind,
      start: isoDateTime(start),
      end: isoDateTime(start + length),
      reason: chronicKeys.length ? encounterRandom.pick(chronicKeys) : null,
      visitNumber: `V${ids.digits(8)}`,
      vitals: null,
      labs,
    });
  }
  encounters.sort((a, b) => a.start.localeCompare(b.start));

  const wearableRandom = random.fork('wearable');
  const wearable: WearableProfile | null =
    wearableRandom.chance(0.85) || has.has('diabetes')
      ? {
          userId: `${ids.int(1, 9)}${Array.from({ length: 5 }, () => wearableRandom.pick('ABCDEFGHJKLMNPQRSTUVWXYZ23456789'.split(''))).join('')}`,
          restingHeartRate: Math.round(wearableRandom.normal(64, 6)),
          dailySteps: Math.round(Math.max(1500, wearableRandom.normal(7500, 2500))),
          sleepHours: round(Math.min(9.5, Math.max(4.5, wearableRandom.normal(7, 0.8))), 1),
          cgm: has.has('diabetes')
            ? {
                serial: `SM${ids.digits(8)}`,
                meanGlucose: Math.round(wearableRandom.normal(160, 20)),
                sd: Math.round(wearableRandom.normal(45, 8)),
              }
            : null,
        }
      : null;

  return {
    index,
    key: `person-${String(index).padStart(6, '0')}`,
    gender,
    name: { family: random.pick(FAMILY_NAMES), given, prefix: gender === 'female' ? 'Ms.' : 'Mr.' },
    birthDate: isoDate(birthMs),
    address: {
      line: `${random.int(1, 999)} ${random.pick(STREETS)}`,
      city: town.city,
      state: 'MA',
      postalCode: town.postalCode,
      country: 'US',
    },
    phone: `555-${random.digits(3)}-${random.digits(4)}`,
    ssn: `999-${ids.digits(2)}-${ids.digits(4)}`,
    smoking: random.pick(['never', 'never', 'never', 'former', 'current'] as const),
    ids: {
      fhirPatientId: ids.uuid(),
      mrn: `MRN${ids.digits(7)}`,
      hl7PatientId: `H${ids.digits(8)}`,
    },
    walletIndex: index,
    conditions,
    medications,
    allergies,
    encounters,
    wearable,
  };
}

/** All people of a population, one at a time (no list of everyone in memory). */
export function* generatePopulation(options: PopulationOptions): Generator<Person> {
  for (let index = 0; index < options.size; index++) yield generatePerson(options, index);
}

/** Used by tests and tools that only need the catalogue size. */
export const CATALOG_SIZES = { conditions: CONDITIONS.length, labs: LABS.length };
