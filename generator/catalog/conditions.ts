import { SYSTEM, type Code } from './code-systems';

export interface ConditionDefinition {
  key: string;
  snomed: Code;
  icd10: Code;
  /** Share of adults who get it in the synthetic population. */
  prevalence: number;
  /** Youngest age at onset. */
  minAge: number;
}

const snomed = (code: string, display: string): Code => ({ system: SYSTEM.snomed, code, display });
const icd10 = (code: string, display: string): Code => ({ system: SYSTEM.icd10cm, code, display });

/**
 * Chronic conditions the generator assigns. The last group are the specially
 * protected classes (mental health, substance use, HIV, sexual health, genetics)
 * that consent treats as their own categories; they are present on purpose so
 * record-level withholding can be exercised on generated data.
 */
export const CONDITIONS: readonly ConditionDefinition[] = [
  {
    key: 'diabetes',
    snomed: snomed('44054006', 'Diabetes mellitus type 2 (disorder)'),
    icd10: icd10('E11.9', 'Type 2 diabetes mellitus without complications'),
    prevalence: 0.3,
    minAge: 30,
  },
  {
    key: 'prediabetes',
    snomed: snomed('15777000', 'Prediabetes (finding)'),
    icd10: icd10('R73.03', 'Prediabetes'),
    prevalence: 0.15,
    minAge: 25,
  },
  {
    key: 'hypertension',
    snomed: snomed('59621000', 'Essential hypertension (disorder)'),
    icd10: icd10('I10', 'Essential (primary) hypertension'),
    prevalence: 0.35,
    minAge: 30,
  },
  {
    key: 'hyperlipidemia',
    snomed: snomed('55822004', 'Hyperlipidemia (disorder)'),
    icd10: icd10('E78.5', 'Hyperlipidemia, unspecified'),
    prevalence: 0.25,
    minAge: 30,
  },
  {
    key: 'asthma',
    snomed: snomed('195967001', 'Asthma (disorder)'),
    icd10: icd10('J45.909', 'Unspecified asthma, uncomplicated'),
    prevalence: 0.1,
    minAge: 3,
  },
  {
    key: 'obesity',
    snomed: snomed('414916001', 'Obesity (disorder)'),
    icd10: icd10('E66.9', 'Obesity, unspecified'),
    prevalence: 0.2,
    minAge: 18,
  },
  {
    key: 'ckd3',
    snomed: snomed('433144002', 'Chronic kidney disease stage 3 (disorder)'),
    icd10: icd10('N18.30', 'Chronic kidney disease, stage 3 unspecified'),
    prevalence: 0.05,
    minAge: 50,
  },
  {
    key: 'depression',
    snomed: snomed('370143000', 'Major depressive disorder (disorder)'),
    icd10: icd10('F32.9', 'Major depressive disorder, single episode, unspecified'),
    prevalence: 0.12,
    minAge: 14,
  },
  {
    key: 'anxiety',
    snomed: snomed('21897009', 'Generalized anxiety disorder (disorder)'),
    icd10: icd10('F41.1', 'Generalized anxiety disorder'),
    prevalence: 0.08,
    minAge: 14,
  },
  {
    key: 'opioid-use',
    snomed: snomed('5602001', 'Opioid abuse (disorder)'),
    icd10: icd10('F11.10', 'Opioid abuse, uncomplicated'),
    prevalence: 0.04,
    minAge: 18,
  },
  {
    key: 'alcohol-use',
    snomed: snomed('7200002', 'Alcoholism (disorder)'),
    icd10: icd10('F10.20', 'Alcohol dependence, uncomplicated'),
    prevalence: 0.04,
    minAge: 18,
  },
  {
    key: 'hiv',
    snomed: snomed('86406008', 'Human immunodeficiency virus infection (disorder)'),
    icd10: icd10('B20', 'Human immunodeficiency virus [HIV] disease'),
    prevalence: 0.03,
    minAge: 18,
  },
  {
    key: 'chlamydia',
    snomed: snomed('105629000', 'Chlamydial infection (disorder)'),
    icd10: icd10('A56.2', 'Chlamydial infection of genitourinary tract, unspecified'),
    prevalence: 0.03,
    minAge: 16,
  },
  {
    key: 'brca1',
    snomed: snomed('718220008', 'Hereditary breast and ovarian cancer syndrome (disorder)'),
    icd10: icd10('Z15.01', 'Genetic susceptibility to malignant neoplasm of breast'),
    prevalence: 0.02,
    minAge: 25,
  },
];
