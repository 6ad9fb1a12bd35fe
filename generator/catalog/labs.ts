import { SYSTEM, type Code } from './code-systems';

export interface LabDefinition {
  key: string;
  loinc: Code;
  /** UCUM unit code (also used as the human unit). */
  unit: string;
  /** Reference range; either bound may be open. */
  low?: number;
  high?: number;
  /** Decimal places results are reported with. */
  decimals: number;
  /** Value for a healthy person: mean and spread. */
  normal: [number, number];
  /** Qualitative tests report a code instead of a number. */
  qualitative?: { negative: Code; positive: Code };
}

const loinc = (code: string, display: string): Code => ({ system: SYSTEM.loinc, code, display });
const snomed = (code: string, display: string): Code => ({ system: SYSTEM.snomed, code, display });
const NEGATIVE = snomed('260385009', 'Negative (qualifier value)');
const POSITIVE = snomed('10828004', 'Positive (qualifier value)');

/** Laboratory tests, with LOINC codes, UCUM units and adult reference ranges. */
export const LABS: readonly LabDefinition[] = [
  {
    key: 'hba1c',
    loinc: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
    unit: '%',
    low: 4,
    high: 5.6,
    decimals: 1,
    normal: [5.2, 0.3],
  },
  {
    key: 'glucose',
    loinc: loinc('2345-7', 'Glucose [Mass/volume] in Serum or Plasma'),
    unit: 'mg/dL',
    low: 70,
    high: 99,
    decimals: 0,
    normal: [90, 8],
  },
  {
    key: 'cholesterol',
    loinc: loinc('2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma'),
    unit: 'mg/dL',
    high: 200,
    decimals: 0,
    normal: [180, 20],
  },
  {
    key: 'triglycerides',
    loinc: loinc('2571-8', 'Triglyceride [Mass/volume] in Serum or Plasma'),
    unit: 'mg/dL',
    high: 150,
    decimals: 0,
    normal: [120, 25],
  },
  {
    key: 'hdl',
    loinc: loinc('2085-9', 'Cholesterol in HDL [Mass/volume] in Serum or Plasma'),
    unit: 'mg/dL',
    low: 40,
    decimals: 0,
    normal: [55, 10],
  },
  {
    key: 'ldl',
    loinc: loinc('18262-6', 'Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay'),
    unit: 'mg/dL',
    high: 100,
    decimals: 0,
    normal: [95, 20],
  },
  {
    key: 'creatinine',
    loinc: loinc('2160-0', 'Creatinine [Mass/volume] in Serum or Plasma'),
    unit: 'mg/dL',
    low: 0.6,
    high: 1.3,
    decimals: 2,
    normal: [0.95, 0.15],
  },
  {
    key: 'egfr',
    loinc: loinc(
      '33914-3',
      'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)',
    ),
    unit: 'mL/min/{1.73_m2}',
    low: 60,
    decimals: 0,
    normal: [90, 12],
  },
  {
    key: 'sodium',
    loinc: loinc('2951-2', 'Sodium [Moles/volume] in Serum or Plasma'),
    unit: 'mmol/L',
    low: 135,
    high: 145,
    decimals: 0,
    normal: [140, 2],
  },
  {
    key: 'potassium',
    loinc: loinc('2823-3', 'Potassium [Moles/volume] in Serum or Plasma'),
    unit: 'mmol/L',
    low: 3.5,
    high: 5.1,
    decimals: 1,
    normal: [4.2, 0.3],
  },
  {
    key: 'wbc',
    loinc: loinc('6690-2', 'Leukocytes [#/volume] in Blood by Automated count'),
    unit: '10*3/uL',
    low: 4.5,
    high: 11,
    decimals: 1,
    normal: [7, 1.5],
  },
  {
    key: 'hemoglobin',
    loinc: loinc('718-7', 'Hemoglobin [Mass/volume] in Blood'),
    unit: 'g/dL',
    low: 12,
    high: 17.5,
    decimals: 1,
    normal: [14.2, 1.1],
  },
  {
    key: 'platelets',
    loinc: loinc('777-3', 'Platelets [#/volume] in Blood by Automated count'),
    unit: '10*3/uL',
    low: 150,
    high: 450,
    decimals: 0,
    normal: [250, 50],
  },
  {
    key: 'hiv-screen',
    loinc: loinc('75622-1', 'HIV 1 and 2 Ag+Ab [Presence] in Serum or Plasma by Immunoassay'),
    unit: '',
    decimals: 0,
    normal: [0, 0],
    qualitative: { negative: NEGATIVE, positive: POSITIVE },
  },
  {
    key: 'opiates-urine',
    loinc: loinc('19295-5', 'Opiates [Presence] in Urine'),
    unit: '',
    decimals: 0,
    normal: [0, 0],
    qualitative: { negative: NEGATIVE, positive: POSITIVE },
  },
  {
    key: 'chlamydia-naa',
    loinc: loinc(
      '21613-5',
      'Chlamydia trachomatis DNA [Presence] in Specimen by NAA with probe detection',
    ),
    unit: '',
    decimals: 0,
    normal: [0, 0],
    qualitative: { negative: NEGATIVE, positive: POSITIVE },
  },
  {
    key: 'brca1',
    loinc: loinc(
      '21636-6',
      'BRCA1 gene mutations tested for in Blood or Tissue by Molecular genetics method',
    ),
    unit: '',
    decimals: 0,
    normal: [0, 0],
    qualitative: { negative: NEGATIVE, positive: POSITIVE },
  },
];

/** Panels the HL7 v2 lab feed reports as one ORU^R01 (one OBR, several OBX). */
export const LAB_PANELS: readonly { key: string; code: Code; labs: string[] }[] = [
  {
    key: 'bmp',
    code: loinc('51990-0', 'Basic metabolic panel - Blood'),
    labs: ['glucose', 'sodium', 'potassium', 'creatinine', 'egfr'],
  },
  {
    key: 'cbc',
    code: loinc('58410-2', 'CBC panel - Blood by Automated count'),
    labs: ['wbc', 'hemoglobin', 'platelets'],
  },
  {
    key: 'lipids',
    code: loinc('57698-3', 'Lipid panel with direct LDL - Serum or Plasma'),
    labs: ['cholesterol', 'triglycerides', 'hdl', 'ldl'],
  },
  {
    key: 'a1c',
    code: loinc('4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood'),
    labs: ['hba1c'],
  },
];

export function labByKey(key: string): LabDefinition {
  const lab = LABS.find((l) => l.key === key);
  if (!lab) throw new Error(`Unknown lab ${key}`);
  return lab;
}
