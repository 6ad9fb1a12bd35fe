/**
 * THE table of codes that make a record specially protected. A record (a
 * condition, a lab result, a medication, ...) whose codes match a rule below
 * belongs to that rule's category as well as to its field's ordinary category,
 * and is withheld unless the requester holds consent for both.
 *
 * Sources: ICD-10-CM chapter 5 (F01-F99) and the HIV/STI/genetic blocks; SAMHSA's
 * 42 CFR Part 2 value sets (substance use); the HL7 v3 ActCode security labels
 * (PSY, SUD/ETH, HIV, SEX, GDIS); LOINC and RxNorm codes of the corresponding tests
 * and treatments. Keep one rule per line, with its reason, so a privacy officer
 * can review this file on its own.
 */
import { ConsentCategory } from '../../../contracts/consent-codes';

/** The specially protected categories a record's own codes can put it in. */
export type SensitiveCategory =
  | ConsentCategory.MentalHealth
  | ConsentCategory.SubstanceUse
  | ConsentCategory.Hiv
  | ConsentCategory.SexualReproductiveHealth
  | ConsentCategory.Genetics;

const PSY = ConsentCategory.MentalHealth;
const SUD = ConsentCategory.SubstanceUse;
const HIV = ConsentCategory.Hiv;
const SEX = ConsentCategory.SexualReproductiveHealth;
const GEN = ConsentCategory.Genetics;

export const CODE_SYSTEMS = {
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  snomed: 'http://snomed.info/sct',
  loinc: 'http://loinc.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
} as const;

export type CodeMatch =
  | { code: string }
  /** Inclusive range of ICD-10 style codes, compared on the normalised code (dot removed). */
  | { from: string; to: string };

export interface SensitivityRule {
  category: SensitiveCategory;
  systems: readonly string[];
  match: CodeMatch;
  why: string;
}

const ICD10 = [CODE_SYSTEMS.icd10cm, CODE_SYSTEMS.icd10];
const SNOMED = [CODE_SYSTEMS.snomed];
const LOINC = [CODE_SYSTEMS.loinc];
const RXNORM = [CODE_SYSTEMS.rxnorm];
const SECURITY_LABEL = [CODE_SYSTEMS.actCode];

// prettier-ignore
export const SENSITIVITY_RULES: readonly SensitivityRule[] = [
  // ---- Security labels a source put on the record itself (FHIR meta.security) win outright.
  { category: PSY, systems: SECURITY_LABEL, match: { code: 'PSY' }, why: 'labelled psychiatry information' },
  { category: PSY, systems: SECURITY_LABEL, match: { code: 'PSYTHPN' }, why: 'labelled psychotherapy note' },
  { category: SUD, systems: SECURITY_LABEL, match: { code: 'SUD' }, why: 'labelled substance use disorder information' },
  { category: SUD, systems: SECURITY_LABEL, match: { code: 'ETH' }, why: 'labelled substance abuse information' },
  { category: HIV, systems: SECURITY_LABEL, match: { code: 'HIV' }, why: 'labelled HIV/AIDS information' },
  { category: SEX, systems: SECURITY_LABEL, match: { code: 'SEX' }, why: 'labelled sexuality and reproductive health information' },
  { category: SEX, systems: SECURITY_LABEL, match: { code: 'STD' }, why: 'labelled sexually transmitted disease information' },
  { category: GEN, systems: SECURITY_LABEL, match: { code: 'GDIS' }, why: 'labelled genetic disease information' },

  // ---- ICD-10(-CM) diagnoses
  { category: PSY, systems: ICD10, match: { from: 'F01', to: 'F09ZZ' }, why: 'ICD-10 F01-F09 mental disorders due to physiological conditions' },
  { category: SUD, systems: ICD10, match: { from: 'F10', to: 'F19ZZ' }, why: 'ICD-10 F10-F19 psychoactive substance use (42 CFR Part 2)' },
  { category: PSY, systems: ICD10, match: { from: 'F20', to: 'F99ZZ' }, why: 'ICD-10 F20-F99 mental and behavioural disorders' },
  { category: PSY, systems: ICD10, match: { from: 'R45851', to: 'R45851' }, why: 'ICD-10 R45.851 suicidal ideations' },
  { category: PSY, systems: ICD10, match: { from: 'T1491', to: 'T1491ZZ' }, why: 'ICD-10 T14.91 suicide attempt' },
  { category: HIV, systems: ICD10, match: { from: 'B20', to: 'B24ZZ' }, why: 'ICD-10 B20-B24 HIV disease' },
  { category: HIV, systems: ICD10, match: { from: 'Z21', to: 'Z21ZZ' }, why: 'ICD-10 Z21 asymptomatic HIV infection status' },
  { category: HIV, systems: ICD10, match: { from: 'O987', to: 'O987ZZ' }, why: 'ICD-10 O98.7 HIV disease complicating pregnancy' },
  { category: HIV, systems: ICD10, match: { from: 'R75', to: 'R75ZZ' }, why: 'ICD-10 R75 inconclusive laboratory evidence of HIV' },
  { category: SEX, systems: ICD10, match: { from: 'A50', to: 'A64ZZ' }, why: 'ICD-10 A50-A64 infections with a predominantly sexual mode of transmission' },
  { category: SEX, systems: ICD10, match: { from: 'O00', to: 'O08ZZ' }, why: 'ICD-10 O00-O08 pregnancy with abortive outcome' },
  { category: SEX, systems: ICD10, match: { from: 'Z30', to: 'Z30ZZ' }, why: 'ICD-10 Z30 contraceptive management' },
  { category: GEN, systems: ICD10, match: { from: 'Z14', to: 'Z15ZZ' }, why: 'ICD-10 Z14-Z15 genetic carrier and genetic susceptibility' },

  // ---- SNOMED CT findings and disorders
  { category: PSY, systems: SNOMED, match: { code: '370143000' }, why: 'Major depressive disorder' },
  { category: PSY, systems: SNOMED, match: { code: '35489007' }, why: 'Depressive disorder' },
  { category: PSY, systems: SNOMED, match: { code: '21897009' }, why: 'Generalized anxiety disorder' },
  { category: PSY, systems: SNOMED, match: { code: '197480006' }, why: 'Anxiety disorder' },
  { category: PSY, systems: SNOMED, match: { code: '13746004' }, why: 'Bipolar disorder' },
  { category: PSY, systems: SNOMED, match: { code: '58214004' }, why: 'Schizophrenia' },
  { category: PSY, systems: SNOMED, match: { code: '47505003' }, why: 'Posttraumatic stress disorder' },
  { category: SUD, systems: SNOMED, match: { code: '5602001' }, why: 'Opioid abuse' },
  { category: SUD, systems: SNOMED, match: { code: '75544000' }, why: 'Opioid dependence' },
  { category: SUD, systems: SNOMED, match: { code: '7200002' }, why: 'Alcoholism' },
  { category: SUD, systems: SNOMED, match: { code: '66590003' }, why: 'Alcohol dependence' },
  { category: SUD, systems: SNOMED, match: { code: '191816009' }, why: 'Drug dependence' },
  { category: HIV, systems: SNOMED, match: { code: '86406008' }, why: 'Human immunodeficiency virus infection' },
  { category: HIV, systems: SNOMED, match: { code: '165816005' }, why: 'HIV positive' },
  { category: HIV, systems: SNOMED, match: { code: '62479008' }, why: 'AIDS' },
  { category: SEX, systems: SNOMED, match: { code: '105629000' }, why: 'Chlamydial infection' },
  { category: SEX, systems: SNOMED, match: { code: '8098009' }, why: 'Sexually transmitted infectious disease' },
  { category: SEX, systems: SNOMED, match: { code: '76272004' }, why: 'Syphilis' },
  { category: SEX, systems: SNOMED, match: { code: '15628003' }, why: 'Gonorrhea' },
  { category: GEN, systems: SNOMED, match: { code: '718220008' }, why: 'Hereditary breast and ovarian cancer syndrome' },

  // ---- LOINC tests whose mere presence is sensitive
  { category: HIV, systems: LOINC, match: { code: '75622-1' }, why: 'HIV 1 and 2 Ag+Ab screen' },
  { category: HIV, systems: LOINC, match: { code: '56888-1' }, why: 'HIV 1+2 Ab + HIV1 p24 Ag' },
  { category: HIV, systems: LOINC, match: { code: '7917-8' }, why: 'HIV 1 Ab' },
  { category: HIV, systems: LOINC, match: { code: '25836-8' }, why: 'HIV 1 RNA (viral load)' },
  { category: HIV, systems: LOINC, match: { code: '20447-9' }, why: 'HIV 1 RNA (viral load)' },
  { category: SUD, systems: LOINC, match: { code: '19295-5' }, why: 'Opiates in urine (drug screen)' },
  { category: SEX, systems: LOINC, match: { code: '21613-5' }, why: 'Chlamydia trachomatis DNA' },
  { category: SEX, systems: LOINC, match: { code: '43304-5' }, why: 'Chlamydia trachomatis rRNA' },
  { category: SEX, systems: LOINC, match: { code: '24111-7' }, why: 'Neisseria gonorrhoeae DNA' },
  { category: SEX, systems: LOINC, match: { code: '20507-0' }, why: 'Reagin (RPR, syphilis screen)' },
  { category: SEX, systems: LOINC, match: { code: '2106-3' }, why: 'Pregnancy test (hCG) in urine' },
  { category: GEN, systems: LOINC, match: { code: '21636-6' }, why: 'BRCA1 gene mutations' },
  { category: GEN, systems: LOINC, match: { code: '21637-4' }, why: 'BRCA2 gene mutations' },

  // ---- RxNorm treatments that reveal a protected condition
  { category: PSY, systems: RXNORM, match: { code: '312940' }, why: 'sertraline 50 MG (antidepressant)' },
  { category: PSY, systems: RXNORM, match: { code: '310385' }, why: 'fluoxetine 20 MG (antidepressant)' },
  { category: SUD, systems: RXNORM, match: { code: '1010600' }, why: 'buprenorphine/naloxone (opioid use disorder treatment)' },
  { category: SUD, systems: RXNORM, match: { code: '864706' }, why: 'methadone 10 MG (opioid treatment programme)' },
  { category: HIV, systems: RXNORM, match: { code: '1999563' }, why: 'bictegravir/emtricitabine/tenofovir alafenamide (antiretroviral)' },
];
