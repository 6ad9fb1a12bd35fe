import { normaliseName, searchNameOf } from './search-name';

describe('normaliseName', () => {
  it('folds case, accents and punctuation', () => {
    expect(normaliseName('Mejía-Ruiz, José')).toBe('mejia ruiz jose');
    expect(normaliseName("  O'Brien  ")).toBe('o brien');
  });

  it('builds the family-first search name, or null when empty', () => {
    expect(searchNameOf('Atencio', ['Alberto', 'J'])).toBe('atencio alberto j');
    expect(searchNameOf(undefined, [])).toBeNull();
  });
});
