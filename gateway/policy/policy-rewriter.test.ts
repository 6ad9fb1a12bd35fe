import { buildSchema, parse, print } from 'graphql';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';
import { rewriteForRequester } from './policy-rewriter';
import { patchRemovedFields } from './response-patcher';
import { readFieldPolicies } from './supergraph-policies';

const SUPERGRAPH = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) { query: Query }
type Query { patient(id: ID!): Patient  patients: [Patient!]! }
type Patient {
  id: ID!
  name: String @policy(policies: [["consent:demographics"]])
  labs: [Lab!] @policy(policies: [["consent:labs"]])
  secret: String @requiresScopes(scopes: [["system/*.rs"]])
}
type Lab { code: String  value: Float }
`;
const API_SCHEMA = buildSchema(`
type Query { patient(id: ID!): Patient  patients: [Patient!]! }
type Patient { id: ID!  name: String  labs: [Lab!]  secret: String }
type Lab { code: String  value: Float }
`);
const policies = readFieldPolicies(SUPERGRAPH);
const clinician: Requester = {
  subject: 'c',
  organization: 'o',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  purpose: 'TREAT',
  scopes: ['user/*.rs'],
};

describe('supergraph policies', () => {
  it('reads @policy and @requiresScopes per field coordinate', () => {
    expect(policies.get('Patient.name')).toEqual({
      policies: [['consent:demographics']],
      authenticated: false,
      scopes: [],
    });
    expect(policies.get('Patient.secret')?.scopes).toEqual([['system/*.rs']]);
    expect(policies.has('Patient.id')).toBe(false);
  });
});

describe('rewriteForRequester', () => {
  it('removes every policy field for an anonymous requester, keeping documents valid', () => {
    const document = parse(
      '{ patient(id: "1") { id name labs { code } } patients { ...F } } fragment F on Patient { name }',
    );
    const result = rewriteForRequester(document, API_SCHEMA, policies, ANONYMOUS);
    expect([...result.removed.keys()].sort()).toEqual(['Patient.labs', 'Patient.name']);
    expect(print(result.document!)).toBe(
      print(
        parse('{ patient(id: "1") { id } patients { ...F } } fragment F on Patient { __typename }'),
      ),
    );
    expect(result.removed.get('Patient.name')?.code).toBe('UNAUTHENTICATED');
  });

  it('leaves consent fields to the subgraphs for verified requesters, but enforces scopes', () => {
    const document = parse('{ patient(id: "1") { name labs { code } secret } }');
    const result = rewriteForRequester(document, API_SCHEMA, policies, clinician);
    expect([...result.removed.keys()]).toEqual(['Patient.secret']);
    expect(result.removed.get('Patient.secret')?.code).toBe('FORBIDDEN');
    const allowed = rewriteForRequester(document, API_SCHEMA, policies, {
      ...clinician,
      scopes: ['system/*.rs'],
    });
    expect(allowed.document).toBeNull();
  });
});

describe('patchRemovedFields', () => {
  it('puts removed fields back as null with an error at every path, through lists, aliases and fragments', () => {
    const document = parse(
      '{ patients { id n: name ...F } } fragment F on Patient { labs { code } }',
    );
    const data = { patients: [{ id: '1' }, { id: '2' }] };
    const removed = rewriteForRequester(document, API_SCHEMA, policies, ANONYMOUS).removed;
    const errors = patchRemovedFields({ document, schema: API_SCHEMA, removed, data });
    expect(data).toEqual({
      patients: [
        { id: '1', n: null, labs: null },
        { id: '2', n: null, labs: null },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      ['patients', 0, 'n'],
      ['patients', 0, 'labs'],
      ['patients', 1, 'n'],
      ['patients', 1, 'labs'],
    ]);
    expect(errors.every((e) => e.extensions.code === 'UNAUTHENTICATED')).toBe(true);
  });

  it('respects @skip and @include', () => {
    const document = parse('query($x: Boolean!) { patient(id: "1") { id name @include(if: $x) } }');
    const removed = rewriteForRequester(document, API_SCHEMA, policies, ANONYMOUS).removed;
    const data = { patient: { id: '1' } };
    const errors = patchRemovedFields({
      document,
      schema: API_SCHEMA,
      removed,
      data,
      variables: { x: false },
    });
    expect(errors).toEqual([]);
    expect(data).toEqual({ patient: { id: '1' } });
  });
});
