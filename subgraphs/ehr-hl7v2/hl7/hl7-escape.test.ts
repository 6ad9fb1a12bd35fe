import { escapeHl7, unescapeHl7 } from './hl7-escape';
import { DEFAULT_ENCODING } from './hl7-message';

const enc = DEFAULT_ENCODING;

describe('unescapeHl7', () => {
  it('turns delimiter escapes back into delimiters', () => {
    expect(unescapeHl7('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\', enc)).toBe('A|B^C&D~E\\');
    expect(unescapeHl7('NHS Provider (inc.A\\T\\E-this Hosp)', enc)).toBe(
      'NHS Provider (inc.A&E-this Hosp)',
    );
  });

  it('decodes hexadecimal data as UTF-8, or Latin-1 for lone high bytes', () => {
    expect(unescapeHl7('line\\X0D0A\\next', enc)).toBe('line\r\nnext');
    expect(unescapeHl7('Jos\\XC3A9\\', enc)).toBe('José');
    expect(unescapeHl7('Jos\\XE9\\', enc)).toBe('José');
  });

  it('applies formatting commands and drops highlighting and charset switches', () => {
    expect(unescapeHl7('a\\.br\\b', enc)).toBe('a\nb');
    expect(unescapeHl7('a\\.sp 2\\b', enc)).toBe('a\n\nb');
    expect(unescapeHl7('a\\.sk3\\b', enc)).toBe('a   b');
    expect(unescapeHl7('\\.in+4\\\\.ti-2\\x\\.fi\\\\.nf\\', enc)).toBe('x');
    expect(unescapeHl7('\\H\\bold\\N\\', enc)).toBe('bold');
    expect(unescapeHl7('\\C2842\\abc\\M2442\\', enc)).toBe('abc');
  });

  it('keeps unknown, empty and unterminated sequences literally', () => {
    expect(unescapeHl7('C:\\temp\\file', enc)).toBe('C:\\temp\\file');
    expect(unescapeHl7('a\\\\b', enc)).toBe('a\\\\b');
    expect(unescapeHl7('100\\', enc)).toBe('100\\');
    expect(unescapeHl7('\\Zcustom\\', enc)).toBe('\\Zcustom\\');
    expect(unescapeHl7('\\XZZ\\', enc)).toBe('\\XZZ\\');
  });

  it('does nothing when no escape character was declared', () => {
    expect(unescapeHl7('a\\F\\b', { ...enc, escape: '' })).toBe('a\\F\\b');
  });
});

describe('escapeHl7', () => {
  it('round-trips every delimiter, the escape character and line breaks', () => {
    const text = 'a|b^c&d~e\\f\ng\rh';
    const escaped = escapeHl7(text, enc);
    expect(escaped).toBe('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f\\.br\\g\\X0D\\h');
    expect(unescapeHl7(escaped, enc)).toBe(text);
  });

  it('escapes with custom delimiters', () => {
    const custom = { ...enc, field: '#', component: '@', escape: '!' };
    expect(escapeHl7('x#y@z!', custom)).toBe('x!F!y!S!z!E!');
    expect(unescapeHl7('x!F!y!S!z!E!', custom)).toBe('x#y@z!');
  });
});
