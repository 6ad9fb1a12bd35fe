/**
 * The consent vocabulary shared with ConsentRegistry.sol: the numbers MUST match the
 * contract's (the contract stores uint8s). Sensitive categories carry their HL7 security
 * label (FHIR `meta.security`, CodeSystem v3-ActCode), purposes are HL7 PurposeOfUse codes
 * (CodeSystem v3-ActReason).
 */

export const V3_ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
export const V3_ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';

export enum ConsentCategory {
  Demographics = 0,
  Encounters = 1,
  Conditions = 2,
  Medications = 3,
  Allergies = 4,
  Labs = 5,
  Vitals = 6,
  Wearables = 7,
  MentalHealth = 8,
  SubstanceUse = 9,
  Hiv = 10,
  SexualReproductiveHealth = 11,
  Genetics = 12,
}

export enum PurposeOfUse {
  TREAT = 0,
  HPAYMT = 1,
  HOPERAT = 2,
  HRESCH = 3,
  PUBHLTH = 4,
  ETREAT = 5,
}

export const CATEGORY_COUNT = 13;
export const PURPOSE_COUNT = 6;

export interface SecurityLabel {
  system: string;
  code: string;
  display: string;
}

export interface CategoryInfo {
  category: ConsentCategory;
  /** Stable string code used in GraphQL errors, config and logs. */
  code: string;
  display: string;
  /** Specially protected (stricter law or policy; never shared without explicit consent). */
  speciallyProtected: boolean;
  /** The label to put on / look for in a resource's meta.security, if the category has one. */
  securityLabel?: SecurityLabel;
  /** Every v3-ActCode label that places a resource in this category. */
  matchingLabels: readonly string[];
  /** Governing law, for the consent screen. */
  law?: string;
}

const label = (code: string, display: string): SecurityLabel => ({
  system: V3_ACT_CODE_SYSTEM,
  code,
  display,
});

export const CATEGORIES: readonly CategoryInfo[] = Object.freeze([
  {
    category: ConsentCategory.Demographics,
    code: 'DEMOGRAPHICS',
    display: 'Demographics',
    speciallyProtected: false,
    securityLabel: label('DEMO', 'all demographic information sensitivity'),
    matchingLabels: ['DEMO'],
  },
  cat(ConsentCategory.Encounters, 'ENCOUNTERS', 'Encounters and visits'),
  cat(ConsentCategory.Conditions, 'CONDITIONS', 'Conditions and diagnoses'),
  cat(ConsentCategory.Medications, 'MEDICATIONS', 'Medications'),
  cat(ConsentCategory.Allergies, 'ALLERGIES', 'Allergies and intolerances'),
  cat(ConsentCategory.Labs, 'LABS', 'Laboratory results'),
  cat(ConsentCategory.Vitals, 'VITALS', 'Vital signs'),
  cat(ConsentCategory.Wearables, 'WEARABLES', 'Wearable and device data'),
  {
    category: ConsentCategory.MentalHealth,
    code: 'MENTAL_HEALTH',
    display: 'Mental health',
    speciallyProtected: true,
    securityLabel: label('PSY', 'psychiatry disorder information sensitivity'),
    // MH mental health, BH behavioral health, PSYTHPN psychotherapy note.
    matchingLabels: ['PSY', 'MH', 'BH', 'PSYTHPN'],
  },
  {
    category: ConsentCategory.SubstanceUse,
    code: 'SUBSTANCE_USE',
    display: 'Substance use disorder',
    speciallyProtected: true,
    securityLabel: label('SUD', 'substance use disorder information sensitivity'),
    // ETH substance abuse, ETHUD alcohol use disorder, OPIOIDUD opioid use disorder.
    matchingLabels: ['SUD', 'ETH', 'ETHUD', 'OPIOIDUD', '42CFRPart2'],
    law: '42 CFR Part 2',
  },
  {
    category: ConsentCategory.Hiv,
    code: 'HIV',
    display: 'HIV/AIDS',
    speciallyProtected: true,
    securityLabel: label('HIV', 'HIV/AIDS information sensitivity'),
    matchingLabels: ['HIV'],
  },
  {
    category: ConsentCategory.SexualReproductiveHealth,
    code: 'SEXUAL_REPRODUCTIVE_HEALTH',
    display: 'Sexual and reproductive health',
    speciallyProtected: true,
    securityLabel: label('SEX', 'sexuality and reproductive health information sensitivity'),
    // Conservative: STD, pregnancy and sexual-violence labels are protected the same way.
    matchingLabels: ['SEX', 'STD', 'PREGNANT', 'SDV'],
  },
  {
    category: ConsentCategory.Genetics,
    code: 'GENETICS',
    display: 'Genetic information',
    speciallyProtected: true,
    securityLabel: label('GDIS', 'genetic disease information sensitivity'),
    matchingLabels: ['GDIS'],
  },
]);

function cat(category: ConsentCategory, code: string, display: string): CategoryInfo {
  return { category, code, display, speciallyProtected: false, matchingLabels: [] };
}

export interface PurposeInfo {
  purpose: PurposeOfUse;
  code: string;
  display: string;
  system: string;
}

const purpose = (p: PurposeOfUse, display: string): PurposeInfo => ({
  purpose: p,
  code: PurposeOfUse[p],
  display,
  system: V3_ACT_REASON_SYSTEM,
});

export const PURPOSES: readonly PurposeInfo[] = Object.freeze([
  purpose(PurposeOfUse.TREAT, 'treatment'),
  purpose(PurposeOfUse.HPAYMT, 'healthcare payment'),
  purpose(PurposeOfUse.HOPERAT, 'healthcare operations'),
  purpose(PurposeOfUse.HRESCH, 'healthcare research'),
  purpose(PurposeOfUse.PUBHLTH, 'public health'),
  purpose(PurposeOfUse.ETREAT, 'emergency treatment'),
]);

export function categoryInfo(category: ConsentCategory): CategoryInfo {
  const info = CATEGORIES[category];
  if (!info) throw new RangeError(`unknown consent category ${category}`);
  return info;
}

export function purposeInfo(p: PurposeOfUse): PurposeInfo {
  const info = PURPOSES[p];
  if (!info) throw new RangeError(`unknown purpose of use ${p}`);
  return info;
}

/** 'MENTAL_HEALTH' -> MentalHealth; undefined if unknown. */
export function parseCategory(code: string): ConsentCategory | undefined {
  return CATEGORIES.find((c) => c.code === code)?.category;
}

/** 'TREAT' -> TREAT; undefined if not one of the six purposes. */
export function parsePurpose(code: string): PurposeOfUse | undefined {
  return PURPOSES.find((p) => p.code === code)?.purpose;
}

/**
 * The categories a resource falls into because of its security labels (v3-ActCode codes
 * from meta.security). Labels from other systems are ignored; unknown codes add nothing.
 */
export function categoriesForSecurityLabels(
  labels: readonly { system?: string; code?: string }[],
): ConsentCategory[] {
  const found = new Set<ConsentCategory>();
  for (const l of labels) {
    if (l.system !== undefined && l.system !== V3_ACT_CODE_SYSTEM) continue;
    for (const c of CATEGORIES)
      if (l.code && c.matchingLabels.includes(l.code)) found.add(c.category);
  }
  return [...found].sort((a, b) => a - b);
}

export function isCategory(value: unknown): value is ConsentCategory {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < CATEGORY_COUNT;
}

export function isPurpose(value: unknown): value is PurposeOfUse {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < PURPOSE_COUNT;
}

/** Bit c set for category c (the contract's uint16 category masks). */
export function categoryMask(categories: readonly ConsentCategory[]): number {
  let mask = 0;
  for (const c of categories) {
    if (!isCategory(c)) throw new RangeError(`unknown consent category ${String(c)}`);
    mask |= 1 << c;
  }
  return mask;
}

export function categoriesFromMask(mask: number): ConsentCategory[] {
  const categories: ConsentCategory[] = [];
  for (let c = 0; c < CATEGORY_COUNT; c++) if (mask & (1 << c)) categories.push(c);
  return categories;
}
