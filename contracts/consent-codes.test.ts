import fs from 'node:fs';
import { CONTRACT_SOURCE_FILE } from './compile';
import {
  CATEGORIES,
  CATEGORY_COUNT,
  ConsentCategory,
  PURPOSES,
  PURPOSE_COUNT,
  PurposeOfUse,
  V3_ACT_CODE_SYSTEM,
  categoriesForSecurityLabels,
  categoriesFromMask,
  categoryInfo,
  categoryMask,
  parseCategory,
  parsePurpose,
} from './consent-codes';

const solidity = fs.readFileSync(CONTRACT_SOURCE_FILE, 'utf8');

describe('consent vocabulary', () => {
  it('numbers categories and purposes exactly as ConsentRegistry.sol does', () => {
    expect(solidity).toContain(`uint8 public constant CATEGORY_COUNT = ${CATEGORY_COUNT};`);
    expect(solidity).toContain(`uint8 public constant PURPOSE_COUNT = ${PURPOSE_COUNT};`);
    // The contract's header documents "<number> <CODE>" for every category and purpose.
    const header = solidity.slice(0, solidity.indexOf('contract ConsentRegistry'));
    const documented = new Map(
      [...header.matchAll(/\b(\d{1,2}) ([A-Z][A-Z_]+)\b/g)].map((m) => [m[2], Number(m[1])]),
    );
    expect(CATEGORIES).toHaveLength(CATEGORY_COUNT);
    CATEGORIES.forEach((c, index) => {
      expect(c.category).toBe(index);
      expect(documented.get(c.code)).toBe(index);
    });
    expect(PURPOSES).toHaveLength(PURPOSE_COUNT);
    PURPOSES.forEach((p, index) => {
      expect(p.purpose).toBe(index);
      expect(documented.get(p.code)).toBe(index);
    });
  });

  it('labels the specially protected categories with their v3-ActCode codes', () => {
    const labels = CATEGORIES.filter((c) => c.speciallyProtected).map((c) => c.securityLabel?.code);
    expect(labels).toEqual(['PSY', 'SUD', 'HIV', 'SEX', 'GDIS']);
    expect(categoryInfo(ConsentCategory.SubstanceUse).law).toBe('42 CFR Part 2');
    expect(categoryInfo(ConsentCategory.Labs).securityLabel).toBeUndefined();
  });

  it('maps resource security labels to categories, ignoring other systems', () => {
    expect(
      categoriesForSecurityLabels([
        { system: V3_ACT_CODE_SYSTEM, code: 'ETH' },
        { system: V3_ACT_CODE_SYSTEM, code: 'PSY' },
        { system: 'http://terminology.hl7.org/CodeSystem/v3-Confidentiality', code: 'R' },
        { system: 'http://example.org/local', code: 'HIV' },
        { code: 'GDIS' },
      ]),
    ).toEqual([
      ConsentCategory.MentalHealth,
      ConsentCategory.SubstanceUse,
      ConsentCategory.Genetics,
    ]);
    expect(categoriesForSecurityLabels([{ system: V3_ACT_CODE_SYSTEM, code: 'N' }])).toEqual([]);
  });

  it('parses codes and rejects unknown ones', () => {
    expect(parseCategory('MENTAL_HEALTH')).toBe(ConsentCategory.MentalHealth);
    expect(parseCategory('PSYCH')).toBeUndefined();
    expect(parsePurpose('ETREAT')).toBe(PurposeOfUse.ETREAT);
    expect(parsePurpose('treat')).toBeUndefined();
  });

  it('round-trips category masks', () => {
    const categories = [
      ConsentCategory.Demographics,
      ConsentCategory.Hiv,
      ConsentCategory.Genetics,
    ];
    expect(categoryMask(categories)).toBe(0b1_0100_0000_0001);
    expect(categoriesFromMask(categoryMask(categories))).toEqual(categories);
    expect(() => categoryMask([13 as ConsentCategory])).toThrow(RangeError);
  });
});
