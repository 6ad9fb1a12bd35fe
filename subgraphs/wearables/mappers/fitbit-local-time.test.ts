import { IntradayClock, secondsOfDay } from './fitbit-local-time';

describe('secondsOfDay', () => {
  it('reads HH:MM and HH:MM:SS', () => {
    expect(secondsOfDay('00:00')).toBe(0);
    expect(secondsOfDay('14:27:05')).toBe(14 * 3600 + 27 * 60 + 5);
    expect(secondsOfDay('23:59:59')).toBe(86_399);
  });

  it.each(['24:00', '12:60', '12:00:60', '1:00', '12-00', '12:00:0', 'ab:cd', '12:0a', ''])(
    'refuses %p',
    (text) => expect(secondsOfDay(text)).toBeNull(),
  );
});

describe('IntradayClock', () => {
  it('reads wall-clock times of the day in the zone, DST included', () => {
    // New York moved to daylight time on 2026-03-08 at 02:00 local.
    const clock = new IntradayClock('2026-03-08', { timeZone: 'America/New_York' });
    expect(clock.at('01:30:00')).toMatchObject({
      ms: Date.parse('2026-03-08T06:30:00Z'),
      offsetMinutes: -300,
    });
    expect(clock.at('03:30:00')).toMatchObject({
      ms: Date.parse('2026-03-08T07:30:00Z'),
      offsetMinutes: -240,
    });
  });

  it('moves to the next day when a time goes backwards', () => {
    const clock = new IntradayClock('2026-01-31', { utcOffset: '+01:00' });
    expect(clock.at('23:59')?.iso).toBe('2026-01-31T23:59:00+01:00');
    expect(clock.at('00:01')?.iso).toBe('2026-02-01T00:01:00+01:00');
  });

  it('answers null for a time it cannot read', () => {
    const clock = new IntradayClock('2026-01-01', { utcOffset: 'Z' });
    expect(clock.at(930)).toBeNull();
    expect(clock.at('9:30')).toBeNull();
  });
});
