import { firstJsonDifference } from './json-difference';

describe('firstJsonDifference', () => {
  it('finds nothing between equal values, whatever the key order', () => {
    expect(firstJsonDifference({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(
      undefined,
    );
  });

  it('names the path of the first difference', () => {
    const expected = { data: { users: [{ id: '1', reviews: [{ id: '1' }, { id: '2' }] }] } };
    const actual = { data: { users: [{ id: '1', reviews: [{ id: '1' }, { id: '3' }] }] } };
    expect(firstJsonDifference(actual, expected)).toBe(
      '$.data.users[0].reviews[1].id: expected "2", got "3"',
    );
  });

  it('reports missing and unexpected keys, length and type changes', () => {
    expect(firstJsonDifference({}, { a: 1 })).toBe('$.a: missing');
    expect(firstJsonDifference({ a: 1, errors: [] }, { a: 1 })).toBe('$.errors: unexpected ([])');
    expect(firstJsonDifference([1], [1, 2])).toBe('$: expected 2 items, got 1');
    expect(firstJsonDifference({ a: null }, { a: {} })).toBe('$.a: expected {}, got null');
  });
});
