import { getIntrospectionQuery } from 'graphql';
import { MAX_PARSE_NESTING, measureDocument, selectOperations } from './operation-shape';

function shapeOf(query: string, maxTokens = 10_000) {
  const shape = measureDocument(query, maxTokens);
  if (shape.kind !== 'ok') throw new Error(`expected a parsed document, got ${shape.kind}`);
  return shape.operations;
}

describe('measureDocument', () => {
  it('counts field depth from 1 at the root, through inline fragments and spreads', () => {
    const [op] = shapeOf(`
      query Q { patient(id: "1") { id ... on Patient { name { family } } ...Deep } }
      fragment Deep on Patient { observations { code { coding { code } } } }`);
    expect(op).toMatchObject({ name: 'Q', depth: 5, aliases: 0 });
    expect(shapeOf('{ __typename }')[0]!.depth).toBe(1);
  });

  it('counts aliases, each fragment as often as it is spread', () => {
    const [op] = shapeOf(`
      { a: patient(id: "1") { ...F } b: patient(id: "2") { ...F } c: me { id } }
      fragment F on Patient { x: id y: birthDate }`);
    expect(op!.aliases).toBe(3 + 2 * 2);
  });

  it('measures fragment fans without an exponential walk', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, ...: 2^40 aliases once expanded.
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Patient { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const started = Date.now();
    const [op] = shapeOf(`{ me { ...F0 } } ${fragments} fragment F40 on Patient { a: id }`);
    expect(op!.aliases).toBe(2 ** 40);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('cuts fragment cycles instead of following them', () => {
    const [op] = shapeOf(
      '{ me { ...A } } fragment A on Patient { id ...B } fragment B on Patient { name { ...A } }',
    );
    expect(op!.depth).toBeGreaterThan(0);
  });

  it('refuses too many tokens and absurd nesting before parsing', () => {
    const wide = `{ ${Array.from({ length: 60 }, (_, i) => `f${i}`).join(' ')} }`;
    expect(measureDocument(wide, 50)).toEqual({ kind: 'too-many-tokens', tokens: 51 });
    expect(measureDocument(wide, 0).kind).toBe('ok');
    const n = 5000; // graphql-js would overflow the stack parsing this
    const deep = `{${'a{'.repeat(n)}b${'}'.repeat(n)}}`;
    expect(measureDocument(deep, 0)).toEqual({ kind: 'too-deep', nesting: MAX_PARSE_NESTING + 1 });
  });

  it('leaves syntax errors to Apollo', () => {
    expect(measureDocument('{ patient(id: "1") { id }', 100).kind).toBe('unparseable');
    expect(measureDocument('{ \u0007 }', 100).kind).toBe('unparseable');
  });

  it('lets the standard introspection query through a depth of 15', () => {
    const [op] = shapeOf(getIntrospectionQuery());
    expect(op!.depth).toBeLessThanOrEqual(15);
  });
});

describe('selectOperations', () => {
  const operations = shapeOf('query A { a } query B { b { c } }');

  it('picks the named operation, or checks all when the name resolves to none', () => {
    expect(selectOperations(operations, 'B').map((o) => o.name)).toEqual(['B']);
    expect(selectOperations(operations, 'C')).toHaveLength(2);
    expect(selectOperations(operations, undefined)).toHaveLength(2);
  });
});
