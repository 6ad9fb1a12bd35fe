import { buildSchema, type GraphQLSchema } from 'graphql';
import { DEFAULT_COST_WEIGHTS } from './cost';
import { QueryLimits, type QueryLimitSettings } from './query-limits';

const schema = buildSchema(`
  type Query { patient(id: ID!): Patient  search(first: Int = 10): [Patient!]! }
  type Patient { id: ID!  friends(first: Int = 10): [Patient!]!  name: String }
`);

const settings: QueryLimitSettings = {
  maxDepth: 4,
  maxAliases: 3,
  maxCost: 1000,
  maxTokens: 200,
  weights: DEFAULT_COST_WEIGHTS,
};

function limits(overrides: Partial<QueryLimitSettings> = {}, current: GraphQLSchema = schema) {
  return new QueryLimits({ ...settings, ...overrides }, () => current);
}

describe('QueryLimits', () => {
  it('accepts an operation within every limit', () => {
    expect(limits().check('{ patient(id: "1") { friends { id } } }', undefined, {})).toBeNull();
  });

  it('refuses depth with reason, measured and limit', () => {
    const error = limits().check(
      '{ patient(id: "1") { friends { friends { friends { id } } } } }',
      null,
      {},
    );
    expect(error?.status).toBe(400);
    expect(error?.body.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'MAX_DEPTH',
      measured: 5,
      limit: 4,
    });
    expect(error?.body.message).toBe('Query is 5 levels deep; the limit is 4');
  });

  it('refuses aliases', () => {
    const error = limits().check(
      '{ a: patient(id: "1") { id } b: search { id } c: search { x: id } }',
      null,
      {},
    );
    expect(error?.body.extensions).toMatchObject({ reason: 'MAX_ALIASES', measured: 4, limit: 3 });
  });

  it('refuses cost, also when a variable makes it large', () => {
    const query = 'query Q($n: Int) { search(first: $n) { friends(first: $n) { id } } }';
    expect(limits().check(query, 'Q', { n: 30 })).toBeNull(); // 30 * 31 = 930
    const error = limits().check(query, 'Q', { n: 40 }); // 40 * 41 = 1640
    expect(error?.body.extensions).toMatchObject({
      reason: 'MAX_COST',
      measured: 1640,
      limit: 1000,
    });
    expect(error?.body.message).toContain('Operation Q has an estimated cost of 1640');
  });

  it('refuses too many tokens, and turns a limit off with 0', () => {
    const wide = `{ ${'name '.repeat(300)} }`;
    expect(limits().check(wide, null, {})?.body.extensions.reason).toBe('MAX_TOKENS');
    expect(limits({ maxTokens: 0 }).check(wide, null, {})).toBeNull();
    const deep =
      '{ patient(id: "1") { friends(first: 1) { friends(first: 1) { friends(first: 1) { id } } } } }';
    expect(limits().check(deep, null, {})?.body.extensions.reason).toBe('MAX_DEPTH');
    expect(limits({ maxDepth: 0 }).check(deep, null, {})).toBeNull();
  });

  it('checks the operation that runs, and leaves syntax errors to Apollo', () => {
    const query = 'query A { search(first: 5000) { id } } query B { patient(id: "1") { id } }';
    expect(limits().check(query, 'B', {})).toBeNull();
    expect(limits().check(query, 'A', {})?.body.extensions.reason).toBe('MAX_COST');
    expect(limits().check(query, undefined, {})?.body.extensions.reason).toBe('MAX_COST');
    expect(limits().check('{ patient(', null, {})).toBeNull();
  });

  it('recompiles cost plans when the schema changes', () => {
    let current = schema;
    const l = new QueryLimits(settings, () => current);
    const query = '{ search { id } }';
    expect(l.check(query, null, {})).toBeNull(); // default 10
    current = buildSchema(`type Query { search(first: Int = 5000): [P!]! } type P { id: ID! }`);
    expect(l.check(query, null, {})?.body.extensions.measured).toBe(5000);
  });
});
