import { SYSTEM, type Code } from './code-systems';

const loinc = (code: string, display: string): Code => ({ system: SYSTEM.loinc, code, display });

/** FHIR vital-signs profile codes (http://hl7.org/fhir/R4/observation-vitalsigns.html). */
export const VITALS = {
  heartRate: { code: loinc('8867-4', 'Heart rate'), unit: '/min' },
  systolic: { code: loinc('8480-6', 'Systolic blood pressure'), unit: 'mm[Hg]' },
  diastolic: { code: loinc('8462-4', 'Diastolic blood pressure'), unit: 'mm[Hg]' },
  bloodPressure: {
    code: loinc('85354-9', 'Blood pressure panel with all children optional'),
    unit: '',
  },
  weight: { code: loinc('29463-7', 'Body weight'), unit: 'kg' },
  height: { code: loinc('8302-2', 'Body height'), unit: 'cm' },
  bmi: { code: loinc('39156-5', 'Body mass index (BMI) [Ratio]'), unit: 'kg/m2' },
  temperature: { code: loinc('8310-5', 'Body temperature'), unit: 'Cel' },
  oxygenSaturation: { code: loinc('2708-6', 'Oxygen saturation in Arterial blood'), unit: '%' },
  respiratoryRate: { code: loinc('9279-1', 'Respiratory rate'), unit: '/min' },
} as const;

export const SOCIAL_HISTORY = {
  tobaccoStatus: loinc('72166-2', 'Tobacco smoking status'),
  neverSmoker: {
    system: SYSTEM.snomed,
    code: '266919005',
    display: 'Never smoked tobacco (finding)',
  },
  formerSmoker: { system: SYSTEM.snomed, code: '8517006', display: 'Ex-smoker (finding)' },
  currentSmoker: {
    system: SYSTEM.snomed,
    code: '449868002',
    display: 'Smokes tobacco daily (finding)',
  },
} as const;
