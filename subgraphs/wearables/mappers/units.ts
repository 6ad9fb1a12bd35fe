/**
 * Unit normalisation. Glucose: 1 mmol/L = 18.016 mg/dL (molar mass of glucose,
 * 180.16 g/mol, over 10 dL/L), the factor the brief and most CGM vendors use.
 * Blood pressure: 1 kPa = 7.50062 mmHg.
 */
export const MG_DL_PER_MMOL_L = 18.016;
export const MMHG_PER_KPA = 7.50062;

export type GlucoseUnit = 'mg/dL' | 'mmol/L';

/** Recognises the spellings vendors use for the two glucose units. */
export function glucoseUnitOf(unit: unknown): GlucoseUnit | null {
  if (typeof unit !== 'string') return null;
  const folded = unit.replace(/\s+/g, '').toLowerCase();
  if (folded === 'mg/dl' || folded === 'mgperdl' || folded === 'mg/100ml') return 'mg/dL';
  if (folded === 'mmol/l' || folded === 'mmolperl' || folded === 'mmol') return 'mmol/L';
  return null;
}

export function glucoseToMgDl(value: number, unit: GlucoseUnit): number {
  return unit === 'mg/dL' ? value : roundTo(value * MG_DL_PER_MMOL_L, 3);
}

export function kpaToMmHg(value: number): number {
  return roundTo(value * MMHG_PER_KPA, 3);
}

/** Converts a duration in an Open mHealth duration unit to minutes; null for unknown units. */
export function durationToMinutes(value: number, unit: string): number | null {
  const factors: Record<string, number> = {
    ps: 1e-12 / 60,
    ns: 1e-9 / 60,
    us: 1e-6 / 60,
    ms: 1 / 60_000,
    sec: 1 / 60,
    s: 1 / 60,
    min: 1,
    h: 60,
    d: 1440,
    wk: 10_080,
    Mo: 43_830,
    yr: 525_960,
  };
  const factor = factors[unit];
  return factor === undefined ? null : value * factor;
}

export function durationToMs(value: number, unit: string): number | null {
  const minutes = durationToMinutes(value, unit);
  return minutes === null ? null : Math.round(minutes * 60_000);
}

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
