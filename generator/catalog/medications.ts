import { SYSTEM, type Code } from './code-systems';

export interface MedicationDefinition {
  key: string;
  rxnorm: Code;
  /** The condition key this medication treats. */
  treats: string;
  dosage: string;
}

const rx = (code: string, display: string): Code => ({ system: SYSTEM.rxnorm, code, display });

/** Medications prescribed for the generator's conditions (RxNorm SCD codes). */
export const MEDICATIONS: readonly MedicationDefinition[] = [
  {
    key: 'metformin',
    rxnorm: rx('860975', '24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet'),
    treats: 'diabetes',
    dosage: '500 mg by mouth twice daily',
  },
  {
    key: 'insulin',
    rxnorm: rx(
      '106892',
      'insulin isophane, human 70 UNT/ML / insulin regular, human 30 UNT/ML Injectable Suspension [Humulin]',
    ),
    treats: 'diabetes',
    dosage: '20 units subcutaneously before breakfast',
  },
  {
    key: 'lisinopril',
    rxnorm: rx('314076', 'lisinopril 10 MG Oral Tablet'),
    treats: 'hypertension',
    dosage: '10 mg by mouth once daily',
  },
  {
    key: 'amlodipine',
    rxnorm: rx('197361', 'amlodipine 5 MG Oral Tablet'),
    treats: 'hypertension',
    dosage: '5 mg by mouth once daily',
  },
  {
    key: 'atorvastatin',
    rxnorm: rx('259255', 'atorvastatin 80 MG Oral Tablet'),
    treats: 'hyperlipidemia',
    dosage: '80 mg by mouth at bedtime',
  },
  {
    key: 'albuterol',
    rxnorm: rx('745679', '200 ACTUAT Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler'),
    treats: 'asthma',
    dosage: '2 puffs every 4 hours as needed',
  },
  {
    key: 'sertraline',
    rxnorm: rx('312940', 'sertraline 50 MG Oral Tablet'),
    treats: 'depression',
    dosage: '50 mg by mouth once daily',
  },
  {
    key: 'buprenorphine-naloxone',
    rxnorm: rx('1010600', 'buprenorphine 2 MG / naloxone 0.5 MG Sublingual Film'),
    treats: 'opioid-use',
    dosage: '1 film under the tongue once daily',
  },
  {
    key: 'biktarvy',
    rxnorm: rx(
      '1999563',
      'bictegravir 50 MG / emtricitabine 200 MG / tenofovir alafenamide 25 MG Oral Tablet',
    ),
    treats: 'hiv',
    dosage: '1 tablet by mouth once daily',
  },
];
