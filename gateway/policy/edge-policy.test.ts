import { buildSchema, parse } from 'graphql';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';
import { decideAtEdge, edgeRequesterKey } from './edge-policy';
import { rewriteForRequester } from './policy-rewriter';
import { readFieldPolicies, type FieldPolicy } from './supergraph-policies';

const SUPERGRAPH = `
schema @link(url: "https://specs.apollo.dev/link/v1.0") @link(url: "https://specs.apollo.dev/policy/v0.1", for: SECURITY) { query: Query }
type Query { patient(id: ID!): Patient }
type Patient {
  id: ID!
  name: [HumanName!] @policy(policies: [["consent:demographics"]])
  conditions: [Condition!] @policy(policies: [["consent:conditions"]])
  procedures: [Procedure!] @policy(policies: [["consent:conditions"]])
  observations: [Observation!] @policy(policies: [["consent:labs"], ["consent:vitals"], ["consent:conditions"]])
  labResults: [Observation!] @policy(policies: [["consent:labs"]])
  heartRate: HeartRateSeries @policy(policies: [["consent:wearables"]])
  notes: String @policy(policies: [["consent:psychotherapy"]])
  audit: String @policy(policies: [["role:auditor"]])
}
type HumanName { family: String }
type Condition { id: ID! }
type Procedure { id: ID! }
type Observation { id: ID! }
type HeartRateSeries { unit: String }
`;
const API_SCHEMA = buildSchema(`
type Query { patient(id: ID!): Patient }
type Patient { id: ID! name: [HumanName!] conditions: [Condition!] procedures: [Procedure!]
  observations: [Observation!] labResults: [Observation!] heartRate: HeartRateSeries
  notes: String audit: String }
type HumanName { family: String }
type Condition { id: ID! }
type Procedure { id: ID! }
type Observation { id: ID! }
type HeartRateSeries { unit: String }
`);
const policies = readFieldPolicies(SUPERGRAPH);
const policy = (coordinate: string): FieldPolicy => policies.get(coordinate)!;

const requester = (scopes: string[], purpose = 'TREAT'): Requester => ({
  subject: 'c',
  organization: 'o',
  orgAddress: '0x00000000000000000000000000000000000000aa',
  purpose,
  scopes,
});

describe('decideAtEdge: SMART scopes against consent categories', () => {
  it('lets a token that reads every type through', () => {
    for (const scopes of [['user/*.rs'], ['system/*.read'], ['patient/*.r']]) {
      for (const coordinate of ['Patient.name', 'Patient.conditions', 'Patient.observations']) {
        expect(decideAtEdge(requester(scopes), coordinate, policy(coordinate))).toBeNull();
      }
    }
  });

  it('refuses a field whose resource type no scope reads, naming the scope it needs', () => {
    const observationsOnly = requester(['patient/Observation.rs']);
    const denial = decideAtEdge(
      observationsOnly,
      'Patient.conditions',
      policy('Patient.conditions'),
      'Condition',
    );
    expect(denial?.code).toBe('FORBIDDEN');
    expect(denial?.message).toContain('Condition');
    expect(denial?.message).toContain('user/Condition.rs');
    expect(
      decideAtEdge(
        observationsOnly,
        'Patient.labResults',
        policy('Patient.labResults'),
        'Observation',
      ),
    ).toBeNull();
  });

  it('uses the field type when it is a resource: an Observation field needs Observation', () => {
    const conditionsOnly = requester(['patient/Condition.rs', 'patient/Procedure.rs']);
    expect(
      decideAtEdge(
        conditionsOnly,
        'Patient.observations',
        policy('Patient.observations'),
        'Observation',
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      decideAtEdge(conditionsOnly, 'Patient.procedures', policy('Patient.procedures'), 'Procedure'),
    ).toBeNull();
    expect(
      decideAtEdge(
        requester(['patient/Condition.rs']),
        'Patient.procedures',
        policy('Patient.procedures'),
        'Procedure',
      )?.message,
    ).toContain('Procedure');
  });

  it('falls back to the category table for fields that are not resources', () => {
    expect(
      decideAtEdge(
        requester(['user/Patient.r']),
        'Patient.name',
        policy('Patient.name'),
        'HumanName',
      ),
    ).toBeNull();
    expect(
      decideAtEdge(
        requester(['user/Observation.rs']),
        'Patient.name',
        policy('Patient.name'),
        'HumanName',
      )?.message,
    ).toContain('user/Patient.rs');
    expect(
      decideAtEdge(
        requester(['user/Observation.s']),
        'Patient.heartRate',
        policy('Patient.heartRate'),
        'HeartRateSeries',
      ),
    ).toBeNull();
  });

  it('does not open a field with a write-only or constrained scope', () => {
    for (const scopes of [['user/Observation.cud'], ['user/Observation.rs?category=laboratory']]) {
      expect(
        decideAtEdge(
          requester(scopes),
          'Patient.labResults',
          policy('Patient.labResults'),
          'Observation',
        )?.code,
      ).toBe('FORBIDDEN');
    }
  });

  it('fails closed on a consent category it has no resource types for, and ignores other policies', () => {
    expect(
      decideAtEdge(requester(['user/*.rs']), 'Patient.notes', policy('Patient.notes'))?.code,
    ).toBe('FORBIDDEN');
    expect(decideAtEdge(requester([]), 'Patient.audit', policy('Patient.audit'))).toBeNull();
  });
});

describe('decideAtEdge: purpose of use', () => {
  it.each(['NONE', 'FOO', '', 'treat'])(
    'answers CONSENT_REQUIRED for consent fields when the purpose is %p',
    (purpose) => {
      const denial = decideAtEdge(
        requester(['user/*.rs'], purpose),
        'Patient.name',
        policy('Patient.name'),
      );
      expect(denial?.code).toBe('CONSENT_REQUIRED');
      expect(denial?.message).toContain('TREAT');
    },
  );

  it('checks scopes before purpose, and leaves non-consent fields alone', () => {
    expect(
      decideAtEdge(
        requester(['user/Observation.rs'], 'NONE'),
        'Patient.name',
        policy('Patient.name'),
      )?.code,
    ).toBe('FORBIDDEN');
    expect(
      decideAtEdge(requester([], 'NONE'), 'Patient.audit', policy('Patient.audit')),
    ).toBeNull();
  });

  it.each(['TREAT', 'HPAYMT', 'HOPERAT', 'HRESCH', 'PUBHLTH', 'ETREAT'])(
    'accepts %s',
    (purpose) => {
      expect(
        decideAtEdge(requester(['user/*.rs'], purpose), 'Patient.name', policy('Patient.name')),
      ).toBeNull();
    },
  );
});

describe('rewriteForRequester with scopes', () => {
  it('removes exactly the fields the scopes cannot read, using each field’s type', () => {
    const document = parse(
      '{ patient(id: "1") { id name { family } conditions { id } labResults { id } observations { id } heartRate { unit } } }',
    );
    const result = rewriteForRequester(
      document,
      API_SCHEMA,
      policies,
      requester(['patient/Observation.rs']),
    );
    expect([...result.removed.keys()].sort()).toEqual(['Patient.conditions', 'Patient.name']);
    expect(result.removed.get('Patient.conditions')?.code).toBe('FORBIDDEN');
  });

  it('removes every consent field for an unknown purpose', () => {
    const document = parse('{ patient(id: "1") { id name { family } labResults { id } } }');
    const result = rewriteForRequester(
      document,
      API_SCHEMA,
      policies,
      requester(['user/*.rs'], 'X'),
    );
    expect([...result.removed.values()].map((r) => r.code)).toEqual([
      'CONSENT_REQUIRED',
      'CONSENT_REQUIRED',
    ]);
  });
});

describe('edgeRequesterKey', () => {
  it('separates requesters whose decisions differ, and only those', () => {
    expect(edgeRequesterKey(ANONYMOUS)).toBe('anonymous');
    const a = requester(['user/*.rs', 'openid']);
    expect(edgeRequesterKey(a)).toBe(edgeRequesterKey({ ...a, scopes: ['openid', 'user/*.rs'] }));
    expect(edgeRequesterKey(a)).not.toBe(
      edgeRequesterKey({ ...a, scopes: ['user/Observation.rs'] }),
    );
    expect(edgeRequesterKey(a)).not.toBe(edgeRequesterKey({ ...a, purpose: 'NONE' }));
    expect(edgeRequesterKey({ ...a, purpose: 'FOO' })).toBe(
      edgeRequesterKey({ ...a, purpose: 'BAR' }),
    );
  });
});
