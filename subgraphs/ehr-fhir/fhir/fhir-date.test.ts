import { isFhirDate, isFhirDateTime, toInstant } from './fhir-date';

describe('toInstant', () => {
  it('expands partial dates to the interval they denote', () => {
    expect(toInstant('2019', 'start')).toBe('2019-01-01T00:00:00.000Z');
    expect(toInstant('2019', 'end')).toBe('2019-12-31T23:59:59.999Z');
    expect(toInstant('2020-02', 'end')).toBe('2020-02-29T23:59:59.999Z');
    expect(toInstant('2020-02-10', 'start')).toBe('2020-02-10T00:00:00.000Z');
    expect(toInstant('2020-02-10', 'end')).toBe('2020-02-10T23:59:59.999Z');
  });

  it('applies time zone offsets and reads a zone-less time as UTC', () => {
    expect(toInstant('2010-12-31T01:17:52+00:00', 'start')).toBe('2010-12-31T01:17:52.000Z');
    expect(toInstant('2013-04-02T09:30:10+01:00', 'start')).toBe('2013-04-02T08:30:10.000Z');
    expect(toInstant('2013-04-02T09:30:10.125-05:00', 'end')).toBe('2013-04-02T14:30:10.125Z');
    expect(toInstant('2013-04-02T09:30', 'start')).toBe('2013-04-02T09:30:00.000Z');
    expect(toInstant('2013-04-02 09:30:00Z', 'start')).toBe('2013-04-02T09:30:00.000Z');
  });

  it('refuses what is not a date', () => {
    for (const bad of ['', 'yesterday', '2019-13', '2019-02-30', '12/01/2019', '2019-1-1']) {
      expect(toInstant(bad, 'start')).toBeNull();
    }
    expect(isFhirDateTime('2019-02-28T10:00:00Z')).toBe(true);
    expect(isFhirDate('2019-02-28T10:00:00Z')).toBe(false);
    expect(isFhirDate('2019-02')).toBe(true);
  });
});
