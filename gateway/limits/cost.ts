import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';

export interface CostWeights {
  /** Each object (entity, record, nested object) a response may hold. */
  objectCost: number;
  /** Each scalar or enum value. */
  scalarCost: number;
  /** Items assumed for a list field that has no size argument. */
  defaultListSize: number;
}

export const DEFAULT_COST_WEIGHTS: Readonly<CostWeights> = Object.freeze({
  objectCost: 1,
  scalarCost: 0,
  defaultListSize: 10,
});

/** Arguments that bound how many items a list field returns (Relay and common REST-ish names). */
export const SIZE_ARGUMENTS: ReadonlySet<string> = new Set([
  'first',
  'last',
  'limit',
  'top',
  'take',
  'pageSize',
  'perPage',
]);

/** A list size: known from the text, or read from a variable at request time. */
type Size = number | { variable: string; fallback: number };

interface PlanField {
  self: number;
  /** null: not a list (one item). Several: the largest wins (`first` and `last`). */
  sizes: Size[] | null;
  children: PlanSet | null;
}

interface PlanSet {
  fields: PlanField[];
  /** Inline fragments and fragment spreads; spreads of one fragment share one set. */
  nested: PlanSet[];
}

export interface CostPlan {
  root: PlanSet;
  /** Set when no size depends on a variable: the cost, computed once. */
  staticCost: number | null;
}

function fieldsOf(
  type: GraphQLNamedType | undefined,
): Record<string, GraphQLField<unknown, unknown>> {
  return type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : {};
}

/**
 * Compiles an operation into a cost plan once per (query text, schema): the schema
 * is consulted here and never again, so each request only walks the small plan
 * with its variables. The model (IBM's GraphQL cost spec / Apollo demand control,
 * simplified): every object costs `objectCost`, every scalar `scalarCost`, and a
 * list multiplies what it holds by its size argument (`first`, `last`, `limit`...),
 * by the argument's schema default when absent, or by `defaultListSize` for lists
 * without one. A sized field returning a connection object passes its size to its
 * list children (`edges`, `nodes`). Introspection (`__schema`, `__type`) is free:
 * the gateway answers it from memory. `@skip`/`@include` are ignored (an upper
 * bound) and every branch of an abstract type is counted.
 */
export function compileCostPlan(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  schema: GraphQLSchema,
  weights: CostWeights,
): CostPlan {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const variableDefaults = new Map<string, ValueNode | undefined>();
  for (const definition of operation.variableDefinitions ?? []) {
    variableDefaults.set(definition.variable.name.value, definition.defaultValue);
  }
  let dynamic = false;
  const spreadMemo = new Map<string, PlanSet>();

  const literalSize = (node: ValueNode | undefined): number | undefined =>
    node?.kind === Kind.INT ? Number(node.value) : undefined;

  const sizesOf = (node: FieldNode, field: GraphQLField<unknown, unknown> | undefined): Size[] => {
    const sizes: Size[] = [];
    const given = new Set<string>();
    for (const argument of node.arguments ?? []) {
      const name = argument.name.value;
      if (!SIZE_ARGUMENTS.has(name)) continue;
      given.add(name);
      const schemaDefault = field?.args.find((a) => a.name === name)?.defaultValue;
      const fallback = typeof schemaDefault === 'number' ? schemaDefault : weights.defaultListSize;
      const value = argument.value;
      if (value.kind === Kind.VARIABLE) {
        dynamic = true;
        const variable = value.name.value;
        sizes.push({ variable, fallback: literalSize(variableDefaults.get(variable)) ?? fallback });
      } else {
        sizes.push(literalSize(value) ?? fallback);
      }
    }
    for (const arg of field?.args ?? []) {
      if (!SIZE_ARGUMENTS.has(arg.name) || given.has(arg.name)) continue;
      if (typeof arg.defaultValue === 'number') sizes.push(arg.defaultValue);
    }
    return sizes;
  };

  const compileSet = (
    selectionSet: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    inherited: Size[] | null,
  ): PlanSet => {
    const set: PlanSet = { fields: [], nested: [] };
    const parentFields = fieldsOf(parent);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') continue;
        const field = parentFields[name];
        const nullable = field ? getNullableType(field.type) : undefined;
        const isList = nullable !== undefined && isListType(nullable);
        const named = field ? getNamedType(field.type) : undefined;
        const composite = named ? isCompositeType(named) : selection.selectionSet !== undefined;
        const own = name === '__typename' ? [] : sizesOf(selection, field);
        const sizes = isList
          ? own.length > 0
            ? own
            : (inherited ?? [weights.defaultListSize])
          : null;
        const children = selection.selectionSet
          ? compileSet(selection.selectionSet, named, !isList && own.length > 0 ? own : null)
          : null;
        set.fields.push({
          self: composite ? weights.objectCost : weights.scalarCost,
          sizes,
          children,
        });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        const type = condition ? schema.getType(condition) : parent;
        set.nested.push(compileSet(selection.selectionSet, type ?? undefined, inherited));
      } else {
        const name = selection.name.value;
        const key = inherited ? `${name}|${JSON.stringify(inherited)}` : name;
        let planned = spreadMemo.get(key);
        if (!planned) {
          const fragment = fragments.get(name);
          // The empty set stands in while compiling, so a (invalid) cycle ends here.
          planned = { fields: [], nested: [] };
          spreadMemo.set(key, planned);
          if (fragment) {
            const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
            const compiled = compileSet(fragment.selectionSet, type, inherited);
            planned.fields = compiled.fields;
            planned.nested = compiled.nested;
          }
        }
        set.nested.push(planned);
      }
    }
    return set;
  };

  const rootType =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  const root = compileSet(operation.selectionSet, rootType ?? undefined, null);
  const plan: CostPlan = { root, staticCost: null };
  if (!dynamic) plan.staticCost = evaluateCostPlan(plan, undefined);
  return plan;
}

function resolveSize(size: Size, variables: Record<string, unknown> | undefined): number {
  if (typeof size === 'number') return Math.max(0, size);
  const value = variables?.[size.variable];
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(0, Math.floor(value))
    : size.fallback;
}

/** The cost of a plan for one request's variables: a walk of the plan, no schema work. */
export function evaluateCostPlan(
  plan: CostPlan,
  variables: Record<string, unknown> | null | undefined,
): number {
  if (plan.staticCost !== null) return plan.staticCost;
  const vars = variables ?? undefined;
  // Sets shared by several spreads are walked once per request.
  const memo = new Map<PlanSet, number>();
  const evaluate = (set: PlanSet): number => {
    const known = memo.get(set);
    if (known !== undefined) return known;
    let total = 0;
    for (const field of set.fields) {
      let items = 1;
      if (field.sizes) {
        items = 0;
        for (const size of field.sizes) items = Math.max(items, resolveSize(size, vars));
      }
      total += items * (field.self + (field.children ? evaluate(field.children) : 0));
    }
    for (const nested of set.nested) total += evaluate(nested);
    memo.set(set, total);
    return total;
  };
  return evaluate(plan.root);
}
