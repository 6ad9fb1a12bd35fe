import {
  findBreakingChanges,
  findDangerousChanges,
  parse,
  validate,
  type GraphQLSchema,
} from 'graphql';
import type { RegisteredOperation } from '../limits/persisted-queries';

export interface OperationProblem {
  id: string;
  name?: string;
  source: string;
  errors: string[];
}

export interface SchemaChange {
  type: string;
  description: string;
}

function problemsOf(operation: RegisteredOperation, schema: GraphQLSchema): string[] {
  try {
    return validate(schema, parse(operation.body)).map((e) => e.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * The registered operations a new API schema would break: valid against the
 * schema clients use today, invalid against the new one (a field removed or
 * retyped, an argument or enum value gone). Operations that are already invalid
 * today are reported apart: the change does not break them, the registry is stale.
 */
export function checkRegisteredOperations(
  operations: readonly RegisteredOperation[],
  currentApi: GraphQLSchema,
  nextApi: GraphQLSchema,
): { broken: OperationProblem[]; alreadyInvalid: OperationProblem[] } {
  const broken: OperationProblem[] = [];
  const alreadyInvalid: OperationProblem[] = [];
  for (const operation of operations) {
    const summary = { id: operation.id, name: operation.name, source: operation.source };
    const before = problemsOf(operation, currentApi);
    if (before.length > 0) {
      alreadyInvalid.push({ ...summary, errors: before });
      continue;
    }
    const after = problemsOf(operation, nextApi);
    if (after.length > 0) broken.push({ ...summary, errors: after });
  }
  return { broken, alreadyInvalid };
}

/**
 * Every change between two API schemas that can break some client (graphql-js
 * findBreakingChanges: removed types, fields, enum values, arguments, changed
 * types), whether or not a registered operation uses it, and the dangerous ones
 * (an added enum value, a changed default).
 */
export function diffApiSchemas(
  currentApi: GraphQLSchema,
  nextApi: GraphQLSchema,
): { breaking: SchemaChange[]; dangerous: SchemaChange[] } {
  return {
    breaking: findBreakingChanges(currentApi, nextApi).map(({ type, description }) => ({
      type,
      description,
    })),
    dangerous: findDangerousChanges(currentApi, nextApi).map(({ type, description }) => ({
      type,
      description,
    })),
  };
}
