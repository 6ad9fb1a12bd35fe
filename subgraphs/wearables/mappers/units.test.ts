import { durationToMinutes, glucoseToMgDl, glucoseUnitOf, kpaToMmHg } from './units';

describe('units', () => {
  it('converts glucose to mg/dL with 18.016 and recognises unit spellings', () => {
    expect(glucoseToMgDl(5.5, 'mmol/L')).toBe(99.088);
    expect(glucoseToMgDl(10, 'mmol/L')).toBe(180.16);
    expect(glucoseToMgDl(123, 'mg/dL')).toBe(123);
    expect(glucoseUnitOf('mg/dl')).toBe('mg/dL');
    expect(glucoseUnitOf('mmol/L')).toBe('mmol/L');
    expect(glucoseUnitOf('g/L')).toBeNull();
  });

  it('converts kPa and durations', () => {
    expect(kpaToMmHg(16)).toBe(120.01);
    expect(durationToMinutes(7.5, 'h')).toBe(450);
    expect(durationToMinutes(90, 'sec')).toBe(1.5);
    expect(durationToMinutes(1, 'parsec')).toBeNull();
  });
});
