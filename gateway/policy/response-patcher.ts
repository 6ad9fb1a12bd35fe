import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  getNamedType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type FieldNode,
  type InlineFragmentNode,
  type FragmentSpreadNode,
} from 'graphql';
import type { RemovedField } from './policy-rewriter';

export interface PatchError {
  message: string;
  path: (string | number)[];
  extensions: { code: string; coordinate: string };
}

type Selection = FieldNode | InlineFragmentNode | FragmentSpreadNode;

/**
 * Puts the fields the gateway removed back into the response as null, each with a
 * typed error at its path, so a client sees exactly what it would have seen had a
 * subgraph denied them: partial data plus errors, in the shape it asked for.
 */
export function patchRemovedFields(options: {
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown>;
  schema: GraphQLSchema;
  removed: ReadonlyMap<string, RemovedField>;
  data: Record<string, unknown> | null | undefined;
}): PatchError[] {
  const { document, schema, removed } = options;
  const variables = options.variables ?? {};
  const errors: PatchError[] = [];
  if (!options.data) return errors;
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) {
      if (!options.operationName || definition.name?.value === options.operationName)
        operation ??= definition;
    }
  }
  if (!operation) return errors;
  const root = schema.getRootType(operation.operation);
  if (!root) return errors;

  const included = (node: Selection) => {
    const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
    if (skip?.if === true) return false;
    const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
    return include?.if !== false;
  };

  const applies = (
    typeCondition: string | undefined,
    type: GraphQLCompositeType,
    value: Record<string, unknown>,
  ) => {
    if (!typeCondition || typeCondition === type.name) return true;
    // On abstract types the runtime type decides; without __typename we cannot tell.
    return value.__typename === typeCondition;
  };

  const walk = (
    selectionSet: SelectionSetNode,
    type: GraphQLCompositeType,
    value: unknown,
    path: (string | number)[],
  ) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => walk(selectionSet, type, item, [...path, index]));
      return;
    }
    if (typeof value !== 'object') return;
    const object = value as Record<string, unknown>;
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const key = selection.alias?.value ?? name;
        const denial = removed.get(`${type.name}.${name}`);
        if (denial) {
          object[key] = null;
          errors.push({
            message: denial.message,
            path: [...path, key],
            extensions: { code: denial.code, coordinate: denial.coordinate },
          });
          continue;
        }
        if (!selection.selectionSet || (isAbstractType(type) && !('getFields' in type))) continue;
        const fieldDef = 'getFields' in type ? type.getFields()[name] : undefined;
        const fieldType = fieldDef ? getNamedType(fieldDef.type) : undefined;
        if (fieldType && isCompositeType(fieldType))
          walk(selection.selectionSet, fieldType, object[key], [...path, key]);
      } else {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments.get(selection.name.value);
        if (!fragment) continue;
        const condition = fragment.typeCondition?.name.value;
        if (!applies(condition, type, object)) continue;
        const conditionType = condition ? schema.getType(condition) : type;
        if (conditionType && isCompositeType(conditionType))
          walk(fragment.selectionSet, conditionType, object, path);
      }
    }
  };
  walk(operation.selectionSet, root, options.data, []);
  return errors;
}
