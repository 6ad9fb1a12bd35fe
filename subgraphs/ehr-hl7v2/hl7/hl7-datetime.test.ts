import { formatHl7DateTime, hl7DateToFhirDate, parseHl7DateTime } from './hl7-datetime';

describe('parseHl7DateTime', () => {
  it('keeps the precision and the offset the sender gave', () => {
    expect(parseHl7DateTime('20110103143428-0800')).toEqual({
      fhir: '2011-01-03T14:34:28-08:00',
      instant: new Date('2011-01-03T22:34:28Z'),
      hasTime: true,
    });
    expect(parseHl7DateTime('198808181126+0215')?.fhir).toBe('1988-08-18T11:26:00+02:15');
    expect(parseHl7DateTime('2015020811+0110')?.fhir).toBe('2015-02-08T11:00:00+01:10');
    expect(parseHl7DateTime('20141006092900.0000+0700')?.fhir).toBe(
      '2014-10-06T09:29:00.0000+07:00',
    );
    expect(parseHl7DateTime('20240101120000+0000')?.fhir).toBe('2024-01-01T12:00:00+00:00');
  });

  it('gives dates without a time as FHIR dates', () => {
    expect(parseHl7DateTime('19241010')).toMatchObject({ fhir: '1924-10-10', hasTime: false });
    expect(parseHl7DateTime('202401')?.fhir).toBe('2024-01');
    expect(parseHl7DateTime('2024')?.fhir).toBe('2024');
  });

  it('applies the default offset when the sender gave none', () => {
    expect(parseHl7DateTime('20240102030405')?.fhir).toBe('2024-01-02T03:04:05Z');
    const east = parseHl7DateTime('20240102030405', '-05:00');
    expect(east?.fhir).toBe('2024-01-02T03:04:05-05:00');
    expect(east?.instant.toISOString()).toBe('2024-01-02T08:04:05.000Z');
  });

  it('reads ISO 8601 text some senders put in TS fields', () => {
    expect(parseHl7DateTime('2019-05-04T18:12:05+07:00')?.fhir).toBe('2019-05-04T18:12:05+07:00');
  });

  it('returns null for what is not a date', () => {
    for (const bad of ['', 'yesterday', '20241301', '20240230', '2024010125', '12345', '2024+99']) {
      expect(parseHl7DateTime(bad)).toBeNull();
    }
  });

  it('extracts the date part for birth dates', () => {
    expect(hl7DateToFhirDate('198808181126+0215')).toBe('1988-08-18');
    expect(hl7DateToFhirDate('19610615')).toBe('1961-06-15');
    expect(hl7DateToFhirDate('x')).toBeNull();
  });
});

describe('formatHl7DateTime', () => {
  it('writes a DTM with seconds in the given offset', () => {
    const date = new Date('2026-03-08T06:59:00Z');
    expect(formatHl7DateTime(date, -300)).toBe('20260308015900-0500');
    expect(formatHl7DateTime(date, 0)).toBe('20260308065900+0000');
    expect(parseHl7DateTime(formatHl7DateTime(date, 330))?.instant).toEqual(date);
  });
});
