import type { GraphQLSchema } from 'graphql';
import { compileCostPlan, evaluateCostPlan, type CostPlan, type CostWeights } from './cost';
import { limitExceeded, type LimitError } from './limit-error';
import { LruCache } from '../../subgraphs/shared/lru-cache';
import {
  MAX_PARSE_NESTING,
  measureDocument,
  selectOperations,
  type DocumentShape,
} from './operation-shape';

export interface QueryLimitSettings {
  /** 0 turns a limit off. */
  maxDepth: number;
  maxAliases: number;
  maxCost: number;
  maxTokens: number;
  weights: CostWeights;
}

interface Analysis {
  shape: DocumentShape;
  /** Cost plans per operation, compiled on first use. */
  plans: Map<OperationKey, CostPlan>;
}

type OperationKey = string;

const CACHE_ENTRIES = 2_000;
/** Characters of query text the cache may hold (about 32 MB of UTF-16). */
const CACHE_CHARS = 16 * 1024 * 1024;

/**
 * Depth, alias, token and cost limits, checked on the operation exactly as the
 * client sent it (before the policy rewrite strips fields, and before Apollo plans
 * it). Everything derived from the text alone (parse, depth, aliases, the cost
 * plan) is cached per query text; a repeated operation costs one map lookup, plus
 * a walk of its small cost plan when a list size comes from a variable.
 */
export class QueryLimits {
  private readonly cache = new LruCache<string, Analysis>(CACHE_ENTRIES, CACHE_CHARS);
  private cachedFor: GraphQLSchema | undefined;

  constructor(
    private readonly settings: QueryLimitSettings,
    private readonly getSchema: () => GraphQLSchema | undefined,
  ) {}

  /** The first limit the request passes, or null when it is within all of them. */
  check(
    query: string,
    operationName: string | null | undefined,
    variables: Record<string, unknown> | null | undefined,
  ): LimitError | null {
    const { maxDepth, maxAliases, maxCost, maxTokens } = this.settings;
    const schema = this.getSchema();
    if (schema !== this.cachedFor) {
      this.cache.clear(); // cost plans hold the old schema's list sizes
      this.cachedFor = schema;
    }
    let analysis = this.cache.get(query);
    if (!analysis) {
      analysis = { shape: measureDocument(query, maxTokens), plans: new Map() };
      this.cache.set(query, analysis, query.length);
    }
    const shape = analysis.shape;
    if (shape.kind === 'too-many-tokens') {
      return limitExceeded(
        'MAX_TOKENS',
        `Query has more than ${maxTokens} tokens`,
        shape.tokens,
        maxTokens,
      );
    }
    if (shape.kind === 'too-deep') {
      return limitExceeded(
        'MAX_DEPTH',
        `Query nests brackets ${shape.nesting} levels deep or more; at most ${MAX_PARSE_NESTING} are parsed`,
        shape.nesting,
        MAX_PARSE_NESTING,
      );
    }
    if (shape.kind === 'unparseable') return null; // Apollo answers with the syntax error
    for (const operation of selectOperations(shape.operations, operationName)) {
      const label = operation.name ? `Operation ${operation.name}` : 'Query';
      if (maxDepth > 0 && operation.depth > maxDepth) {
        return limitExceeded(
          'MAX_DEPTH',
          `${label} is ${operation.depth} levels deep; the limit is ${maxDepth}`,
          operation.depth,
          maxDepth,
        );
      }
      if (maxAliases > 0 && operation.aliases > maxAliases) {
        return limitExceeded(
          'MAX_ALIASES',
          `${label} uses ${operation.aliases} aliases; the limit is ${maxAliases}`,
          operation.aliases,
          maxAliases,
        );
      }
      if (maxCost > 0 && schema) {
        const key = operation.name ?? `#${shape.operations.indexOf(operation)}`;
        let plan = analysis.plans.get(key);
        if (!plan) {
          plan = compileCostPlan(
            shape.document,
            operation.operation,
            schema,
            this.settings.weights,
          );
          analysis.plans.set(key, plan);
        }
        const cost = evaluateCostPlan(plan, variables);
        if (cost > maxCost) {
          return limitExceeded(
            'MAX_COST',
            `${label} has an estimated cost of ${cost}; the limit is ${maxCost} ` +
              '(each object counts 1, lists count their size argument or default size)',
            cost,
            maxCost,
          );
        }
      }
    }
    return null;
  }
}
