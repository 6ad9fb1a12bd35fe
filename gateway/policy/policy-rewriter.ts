import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import type { Requester } from '../../subgraphs/shared/requester';
import { decideAtEdge, type EdgeDenial } from './edge-policy';
import type { FieldPolicies } from './supergraph-policies';

export interface RemovedField extends EdgeDenial {
  /** `Type.field` as seen where it was selected (the static parent type). */
  coordinate: string;
}

export interface RewriteResult {
  /** The document to execute, or null when nothing had to be removed. */
  document: DocumentNode | null;
  removed: Map<string, RemovedField>;
}

const TYPENAME: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * Removes from an operation every field the requester may never see, before the
 * query planner runs, so no subgraph is ever asked for them. Selection sets left
 * empty get `__typename` so the document stays valid.
 */
export function rewriteForRequester(
  document: DocumentNode,
  schema: GraphQLSchema,
  policies: FieldPolicies,
  requester: Requester,
): RewriteResult {
  const removed = new Map<string, RemovedField>();
  if (policies.size === 0) return { document: null, removed };
  const typeInfo = new TypeInfo(schema);
  const stripped = visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        if (!parent) return undefined;
        const coordinate = `${parent.name}.${node.name.value}`;
        const policy = policies.get(coordinate);
        if (!policy) return undefined;
        const returnType = typeInfo.getType();
        const denial = decideAtEdge(
          requester,
          coordinate,
          policy,
          returnType ? getNamedType(returnType).name : undefined,
        );
        if (!denial) return undefined;
        removed.set(coordinate, { ...denial, coordinate });
        return null;
      },
    }),
  );
  if (removed.size === 0) return { document: null, removed };
  const repaired = visit(stripped, {
    SelectionSet: {
      leave(node: SelectionSetNode) {
        return node.selections.length === 0 ? { ...node, selections: [TYPENAME] } : undefined;
      },
    },
  });
  return { document: repaired, removed };
}
