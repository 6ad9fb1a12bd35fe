import type { MatchProfile } from './match-profile';
import { soundex } from './string-similarity';

/**
 * Blocking keys of a record: two records are compared only when they share one.
 * Each key tolerates a different error, so a person is missed only if every one
 * of these is wrong at once:
 *  - ny: birth year + family-name sound  (given name changed, day/month wrong)
 *  - dg: full birth date + given-name sound (family name changed, e.g. marriage)
 *  - pc: postal code + birth year         (name misspelt beyond Soundex)
 *  - fg: family + given sound             (birth year wrong)
 *  - ph: phone                            (everything else differs in form)
 *  - ss: SSN digits                       (SSN formatted differently)
 */
export function blockingKeysOf(profile: MatchProfile): string[] {
  const keys = new Set<string>();
  const year = profile.birthDate?.slice(0, 4) ?? null;
  const fullDate = profile.birthDate?.length === 10 ? profile.birthDate : null;
  for (const name of profile.names) {
    const given = name.given[0] ? soundex(name.given[0]) : null;
    for (const word of name.family.slice(0, 3)) {
      const family = soundex(word);
      if (!family) continue;
      if (year) keys.add(`ny:${year}:${family}`);
      if (given) keys.add(`fg:${family}:${given}`);
    }
    if (fullDate && given) keys.add(`dg:${fullDate}:${given}`);
  }
  if (year) {
    for (const address of profile.addresses) {
      if (address.postalCode) keys.add(`pc:${address.postalCode}:${year}`);
    }
  }
  for (const phone of profile.phones) keys.add(`ph:${phone}`);
  for (const identifier of profile.identifiers) {
    if (identifier.kind === 'ssn' && /^\d{9}$/.test(identifier.value)) {
      keys.add(`ss:${identifier.value}`);
    }
  }
  return [...keys].sort();
}
