import { buildSchema, parse, type OperationDefinitionNode } from 'graphql';
import { compileCostPlan, DEFAULT_COST_WEIGHTS, evaluateCostPlan, type CostWeights } from './cost';

const schema = buildSchema(`
  type Query {
    patient(id: ID!): Patient
    patients(first: Int! = 20, after: String): PatientConnection!
    search(limit: Int): [Patient!]!
  }
  type PatientConnection { edges: [PatientEdge!]!  total: Int }
  type PatientEdge { node: Patient!  cursor: String }
  type Patient {
    id: ID!
    name: [HumanName!]
    observations(first: Int! = 100, last: Int): [Observation!]
    labResults(first: Int): [Observation!]
  }
  type HumanName { family: String  given: [String!]! }
  type Observation { id: ID!  code: CodeableConcept }
  type CodeableConcept { coding: [Coding!]! }
  type Coding { code: String }
`);

function costOf(
  query: string,
  variables?: Record<string, unknown>,
  weights: CostWeights = DEFAULT_COST_WEIGHTS,
) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
  )!;
  const plan = compileCostPlan(document, operation, schema, weights);
  return { cost: evaluateCostPlan(plan, variables), plan };
}

describe('query cost', () => {
  it('counts objects 1 and scalars 0', () => {
    expect(costOf('{ patient(id: "1") { id } }').cost).toBe(1);
    // patient 1 + id 1 when scalars cost 1
    expect(
      costOf('{ patient(id: "1") { id } }', {}, { ...DEFAULT_COST_WEIGHTS, scalarCost: 1 }).cost,
    ).toBe(2);
  });

  it('multiplies lists by their size argument, schema default, or the default size', () => {
    // observations(first: 5): 5 x (1 + code 1 + coding 10 x 1)
    expect(
      costOf('{ patient(id: "1") { observations(first: 5) { code { coding { code } } } } }').cost,
    ).toBe(1 + 5 * 12);
    // no argument: the schema default (100)
    expect(costOf('{ patient(id: "1") { observations { id } } }').cost).toBe(1 + 100);
    // an argument without default, not given: the default list size
    expect(costOf('{ patient(id: "1") { labResults { id } } }').cost).toBe(1 + 10);
    // no size argument at all
    expect(costOf('{ patient(id: "1") { name { family } } }').cost).toBe(1 + 10);
    // first and last: the larger
    expect(costOf('{ patient(id: "1") { observations(first: 2, last: 7) { id } } }').cost).toBe(
      1 + 7,
    );
  });

  it('passes a connection size to its edges', () => {
    expect(costOf('{ patients(first: 3) { edges { node { id } } } }').cost).toBe(1 + 3 * (1 + 1));
    expect(costOf('{ patients { edges { node { id } } total } }').cost).toBe(1 + 20 * 2);
  });

  it('reads sizes from variables per request, with variable and schema defaults', () => {
    const query =
      'query($n: Int, $m: Int = 4) { search(limit: $n) { observations(first: $m) { id } } }';
    const { plan } = costOf(query);
    expect(plan.staticCost).toBeNull();
    expect(evaluateCostPlan(plan, { n: 2, m: 3 })).toBe(2 * (1 + 3));
    expect(evaluateCostPlan(plan, { n: 2 })).toBe(2 * (1 + 4));
    expect(evaluateCostPlan(plan, {})).toBe(10 * (1 + 4));
    expect(evaluateCostPlan(plan, { n: 1000, m: 1000 })).toBe(1000 * 1001);
    expect(evaluateCostPlan(plan, { n: 'x', m: -5 })).toBe(10 * 1);
  });

  it('is static when no size depends on a variable', () => {
    expect(costOf('{ search(limit: 2) { id } }').plan.staticCost).toBe(2);
  });

  it('counts fragments where they are spread, and lets introspection through', () => {
    const query = `{ search(limit: 2) { ...P } patient(id: "1") { ...P } }
      fragment P on Patient { observations(first: 3) { id } }`;
    expect(costOf(query).cost).toBe(2 * (1 + 3) + (1 + 3));
    expect(costOf('{ __schema { types { name fields { name } } } }').cost).toBe(0);
  });

  it('multiplies nested lists (the cost bomb)', () => {
    const query =
      '{ search(limit: 1000) { observations(first: 1000) { code { coding { code } } } } }';
    expect(costOf(query).cost).toBe(1000 * (1 + 1000 * (1 + 1 + 10)));
  });
});
