import { BadUserInputError } from '../../shared/errors';
import { checkFirst, checkRange, dateArg, tokenArg } from './record-args';

describe('record arguments', () => {
  it('reads tokens as code, system|code or |code', () => {
    expect(tokenArg('8867-4', 'code', 'code')).toEqual({
      param: 'code',
      system: null,
      code: '8867-4',
    });
    expect(tokenArg('http://loinc.org|8867-4', 'code', 'code')).toEqual({
      param: 'code',
      system: 'http://loinc.org',
      code: '8867-4',
    });
    expect(tokenArg('|x', 'code', 'code')).toEqual({ param: 'code', system: '', code: 'x' });
    expect(() => tokenArg('http://loinc.org|', 'code', 'code')).toThrow(BadUserInputError);
  });

  it('turns dates into the edges of the period they name', () => {
    expect(dateArg('2024-05', 'from')).toBe('2024-05-01T00:00:00.000Z');
    expect(dateArg('2024-05', 'to')).toBe('2024-05-31T23:59:59.999Z');
    expect(() => dateArg('May 2024', 'from')).toThrow(BadUserInputError);
    expect(() => checkRange('2024-06-01T00:00:00.000Z', '2024-05-01T00:00:00.000Z')).toThrow(
      BadUserInputError,
    );
  });

  it('bounds first to 1..1000', () => {
    expect(checkFirst(1000)).toBe(1000);
    expect(() => checkFirst(0)).toThrow(BadUserInputError);
    expect(() => checkFirst(1001)).toThrow(BadUserInputError);
  });
});
