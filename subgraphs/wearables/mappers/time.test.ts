import {
  formatInstant,
  localMsToInstant,
  parseDateTime,
  parseLocalDateTime,
  parseOffsetDateTime,
  parseUtcOffset,
  zoneOffsetAt,
} from './time';

describe('time', () => {
  it('parses date-times with offsets and keeps the offset in the normalised ISO', () => {
    expect(parseOffsetDateTime('2020-02-05T07:25:00-08:00')).toEqual({
      ms: Date.UTC(2020, 1, 5, 15, 25),
      iso: '2020-02-05T07:25:00-08:00',
      offsetMinutes: -480,
    });
    expect(parseOffsetDateTime('2013-02-05T07:25:00.123Z')?.iso).toBe('2013-02-05T07:25:00.123Z');
    expect(parseOffsetDateTime('2013-02-05T07:25:00+0530')?.offsetMinutes).toBe(330);
  });

  it('refuses times without offset where one is required, and impossible dates', () => {
    expect(parseOffsetDateTime('2020-02-05T07:25:00')).toBeNull();
    expect(parseOffsetDateTime('2021-02-30T00:00:00Z')).toBeNull();
    expect(parseOffsetDateTime('201-02-05T07:25:00Z')).toBeNull();
    expect(parseUtcOffset('+25:00')).toBeNull();
  });

  it('reads offset-less times as UTC by default (Open mHealth) or in a zone', () => {
    expect(parseDateTime('2013-02-05T07:25:00')?.iso).toBe('2013-02-05T07:25:00Z');
    const winter = parseLocalDateTime('2026-01-15T08:00:00', { timeZone: 'America/New_York' });
    expect(winter?.iso).toBe('2026-01-15T08:00:00-05:00');
    const summer = parseLocalDateTime('2026-07-15T08:00:00', { timeZone: 'America/New_York' });
    expect(summer?.iso).toBe('2026-07-15T08:00:00-04:00');
    expect(parseLocalDateTime('2026-07-15T08:00:00', { utcOffset: '+02:00' })?.ms).toBe(
      Date.UTC(2026, 6, 15, 6),
    );
  });

  it('settles DST edges: the gap moves forward, the overlap takes the earlier instant', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 -> 03:00).
    const gap = localMsToInstant(Date.UTC(2026, 2, 8, 2, 30), { timeZone: 'America/New_York' });
    expect(gap?.iso).toBe('2026-03-08T03:30:00-04:00');
    // 2026-11-01 01:30 happens twice; the first (EDT) is taken.
    const overlap = localMsToInstant(Date.UTC(2026, 10, 1, 1, 30), {
      timeZone: 'America/New_York',
    });
    expect(overlap?.iso).toBe('2026-11-01T01:30:00-04:00');
  });

  it('formats instants in any offset', () => {
    expect(formatInstant(Date.UTC(2026, 0, 1, 0, 0, 0, 5), -330)).toBe(
      '2025-12-31T18:30:00.005-05:30',
    );
  });

  it('reads zone offsets per hour without missing a transition inside an hour', () => {
    // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local: 15:30 UTC, mid-hour.
    const intl = (ms: number) => {
      const name = new Intl.DateTimeFormat('en-US', {
        timeZone: 'Australia/Lord_Howe',
        timeZoneName: 'longOffset',
      })
        .formatToParts(new Date(ms))
        .find((p) => p.type === 'timeZoneName')!.value;
      return parseUtcOffset(name.replace('GMT', '') || 'Z')!;
    };
    const start = Date.UTC(2026, 9, 3, 13, 0);
    for (let ms = start; ms < start + 5 * 3_600_000; ms += 60_000) {
      expect([ms, zoneOffsetAt('Australia/Lord_Howe', ms)]).toEqual([ms, intl(ms)]);
    }
    expect(zoneOffsetAt('Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 29))).toBe(630);
    expect(zoneOffsetAt('Australia/Lord_Howe', Date.UTC(2026, 9, 3, 15, 30))).toBe(660);
    // New York's transition falls on a UTC hour: both sides come from the per-hour cache.
    expect(zoneOffsetAt('America/New_York', Date.UTC(2026, 2, 8, 6, 59))).toBe(-300);
    expect(zoneOffsetAt('America/New_York', Date.UTC(2026, 2, 8, 7, 0))).toBe(-240);
  });
});
