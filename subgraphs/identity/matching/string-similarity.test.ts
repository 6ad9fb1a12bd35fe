import { jaro, jaroWinkler, soundex } from './string-similarity';

describe('jaro / jaroWinkler', () => {
  it('gives the textbook values', () => {
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });

  it('is 1 for equal strings, 0 for nothing in common or an empty side', () => {
    expect(jaroWinkler('smith', 'smith')).toBe(1);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
    expect(jaroWinkler('', 'smith')).toBe(0);
    expect(jaroWinkler('', '')).toBe(0);
  });

  it('is symmetric', () => {
    expect(jaroWinkler('johnson', 'jonhson')).toBeCloseTo(jaroWinkler('jonhson', 'johnson'), 10);
  });
});

describe('soundex', () => {
  it('codes names that sound alike the same way', () => {
    expect(soundex('robert')).toBe('R163');
    expect(soundex('rupert')).toBe('R163');
    expect(soundex('ashcraft')).toBe('A261');
    expect(soundex('tymczak')).toBe('T522');
    expect(soundex('pfister')).toBe('P236');
    expect(soundex('lee')).toBe('L000');
  });

  it('is null without letters', () => {
    expect(soundex('123')).toBeNull();
    expect(soundex('')).toBeNull();
  });
});
