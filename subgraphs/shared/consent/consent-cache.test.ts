import { ConsentCategory, PurposeOfUse } from '../../../contracts/consent-codes';
import { ConsentCache } from './consent-cache';
import type { ConsentQuestion } from './consent-question';

const GRANTEE = '0x00000000000000000000000000000000000000aa';
const question = (n: number): ConsentQuestion => ({
  patientAddress: `0x${n.toString(16).padStart(40, '0')}`,
  grantee: GRANTEE,
  category: ConsentCategory.Labs,
  purpose: PurposeOfUse.TREAT,
});
const GRANTED = { granted: true, expiresAt: null };
const REVOKED = { granted: false, expiresAt: null };

describe('ConsentCache', () => {
  it('keeps at most maxEntries answers, dropping the least recently used', () => {
    const cache = new ConsentCache({ maxEntries: 3 });
    for (const n of [1, 2, 3]) cache.setFromRead(question(n), GRANTED, 10);
    // Asking for 1 makes it recent: 2 is now the least recently used.
    expect(cache.get(question(1))).toEqual(GRANTED);
    cache.setFromRead(question(4), GRANTED, 10);
    expect(cache.size).toBe(3);
    expect(cache.get(question(2))).toBeUndefined(); // asked again from the chain
    for (const n of [1, 3, 4]) expect(cache.get(question(n))).toEqual(GRANTED);
    // Events count as use too, and are bounded alike.
    cache.applyEvent(question(5), REVOKED, 11);
    expect(cache.size).toBe(3);
    expect(cache.get(question(5))).toEqual(REVOKED);
  });

  it('refuses a read older than an event even after the event’s answer was evicted', () => {
    const cache = new ConsentCache({ maxEntries: 1 });
    cache.applyEvent(question(1), REVOKED, 20);
    cache.setFromRead(question(2), GRANTED, 21); // evicts question 1's answer
    expect(cache.get(question(1))).toBeUndefined();
    // A read begun at block 19, before the revocation, lands late: not stored.
    cache.setFromRead(question(1), GRANTED, 19);
    expect(cache.get(question(1))).toBeUndefined();
    // A read at or after the revocation's block is.
    cache.setFromRead(question(1), REVOKED, 20);
    expect(cache.get(question(1))).toEqual(REVOKED);
  });

  it('forgets event blocks once no read begun before them can land', () => {
    let now = 0;
    const cache = new ConsentCache({ changeGuardMs: 1_000, now: () => now });
    for (let n = 1; n <= 50; n++) cache.applyEvent(question(n), GRANTED, n);
    expect(cache.guardedKeys).toBe(50);
    now = 500;
    cache.applyEvent(question(51), GRANTED, 51);
    expect(cache.guardedKeys).toBe(51); // all still within the guard
    now = 1_200;
    cache.applyEvent(question(52), GRANTED, 52);
    // The first 50 were applied 1.2 s ago, beyond the guard; 51 and 52 remain.
    expect(cache.guardedKeys).toBe(2);
    // Within the guard, a stale read of question 51 is still refused.
    cache.setFromRead(question(51), REVOKED, 50);
    expect(cache.get(question(51))).toEqual(GRANTED);
  });
});
