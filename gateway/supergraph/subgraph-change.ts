import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphEndpoint } from '../config';
import type { RegisteredOperation } from '../limits/persisted-queries';
import {
  checkRegisteredOperations,
  diffApiSchemas,
  type OperationProblem,
  type SchemaChange,
} from './breaking-changes';
import { supergraphSdlOf } from './supergraph-file';
import { loadSupergraph } from './supergraph-schema';

export const SUBGRAPH_ACTIONS = ['add', 'update', 'remove'] as const;
export type SubgraphAction = (typeof SUBGRAPH_ACTIONS)[number];

export interface SubgraphChange {
  action: SubgraphAction;
  name: string;
  /** Required to add; to update, defaults to the URL the supergraph records. */
  url?: string;
}

export interface SubgraphChangeInput {
  change: SubgraphChange;
  /** The supergraph in force (the file's text). */
  currentSupergraphSdl: string;
  /** Fetches one subgraph's SDL (`{ _service { sdl } }`, signed as the gateway). */
  fetchSdl: (endpoint: SubgraphEndpoint) => Promise<string>;
  operations: readonly RegisteredOperation[];
}

export interface SubgraphChangePlan {
  change: SubgraphChange;
  /** The subgraph list after the change. */
  subgraphs: SubgraphEndpoint[];
  /** The new supergraph, when composition succeeded. */
  supergraphSdl?: string;
  compositionErrors: string[];
  hints: string[];
  /** Registered operations valid today that the new supergraph would reject. */
  brokenOperations: OperationProblem[];
  /** Registered operations already invalid against today's supergraph. */
  staleOperations: OperationProblem[];
  breakingChanges: SchemaChange[];
  dangerousChanges: SchemaChange[];
  /** The composed supergraph is the one in force. */
  unchanged: boolean;
}

export class SubgraphChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SubgraphChangeError';
  }
}

const NAME = /^[a-z][a-z0-9-]*$/;

/** The subgraph list after the change; refuses changes that make no sense. */
export function nextSubgraphList(
  current: readonly SubgraphEndpoint[],
  change: SubgraphChange,
): SubgraphEndpoint[] {
  const existing = current.find((s) => s.name === change.name);
  if (change.url !== undefined) {
    let protocol: string;
    try {
      protocol = new URL(change.url).protocol;
    } catch {
      throw new SubgraphChangeError(`"${change.url}" is not a URL`);
    }
    if (protocol !== 'http:' && protocol !== 'https:')
      throw new SubgraphChangeError(`The subgraph URL must be http(s) (got ${protocol})`);
  }
  switch (change.action) {
    case 'add':
      if (!NAME.test(change.name))
        throw new SubgraphChangeError(
          `Subgraph names are lower-case letters, digits and dashes, starting with a letter (got "${change.name}")`,
        );
      if (existing)
        throw new SubgraphChangeError(
          `The supergraph already has a subgraph "${change.name}" (${existing.url}); use \`subgraph update\``,
        );
      if (!change.url) throw new SubgraphChangeError('`subgraph add` needs the subgraph URL');
      return [...current, { name: change.name, url: change.url }];
    case 'update':
      if (!existing)
        throw new SubgraphChangeError(
          `The supergraph has no subgraph "${change.name}" (it has ${current.map((s) => s.name).join(', ')}); use \`subgraph add\``,
        );
      return current.map((s) =>
        s.name === change.name ? { name: s.name, url: change.url ?? s.url } : s,
      );
    case 'remove':
      if (!existing)
        throw new SubgraphChangeError(`The supergraph has no subgraph "${change.name}"`);
      if (current.length === 1)
        throw new SubgraphChangeError('Cannot remove the only subgraph of the supergraph');
      return current.filter((s) => s.name !== change.name);
  }
}

/**
 * Works out what a subgraph change would do, without writing anything: the
 * subgraph list comes from the supergraph in force (its `join__Graph` values),
 * every remaining subgraph's SDL is fetched from where it runs, the lot is
 * composed with @apollo/composition, and the new API schema is compared with
 * today's: registered operations it would break, and graphql-js's generic
 * breaking and dangerous changes.
 */
export async function planSubgraphChange(input: SubgraphChangeInput): Promise<SubgraphChangePlan> {
  const current = loadSupergraph(input.currentSupergraphSdl);
  const subgraphs = nextSubgraphList(current.subgraphs, input.change);
  const plan: SubgraphChangePlan = {
    change: input.change,
    subgraphs,
    compositionErrors: [],
    hints: [],
    brokenOperations: [],
    staleOperations: [],
    breakingChanges: [],
    dangerousChanges: [],
    unchanged: false,
  };
  const fetched = await Promise.allSettled(subgraphs.map((s) => input.fetchSdl(s)));
  const unreachable = fetched.flatMap((result, i) =>
    result.status === 'rejected'
      ? [`${subgraphs[i]!.name} (${subgraphs[i]!.url}): ${(result.reason as Error).message}`]
      : [],
  );
  if (unreachable.length > 0) {
    throw new SubgraphChangeError(
      `Cannot fetch the SDL of every subgraph to compose (all must be running):\n  - ${unreachable.join('\n  - ')}`,
    );
  }
  const services = [];
  for (const [i, subgraph] of subgraphs.entries()) {
    const sdl = (fetched[i] as PromiseFulfilledResult<string>).value;
    try {
      services.push({ ...subgraph, typeDefs: parse(sdl) });
    } catch (error) {
      plan.compositionErrors.push(
        `[${subgraph.name}] SDL does not parse: ${(error as Error).message}`,
      );
    }
  }
  if (plan.compositionErrors.length > 0) return plan;
  const composed = composeServices(services);
  if (composed.errors) {
    plan.compositionErrors = composed.errors.map((e) => e.message);
    return plan;
  }
  plan.hints = composed.hints.map((h) => `${h.definition.code}: ${h.message}`);
  let next;
  try {
    next = loadSupergraph(composed.supergraphSdl, { plan: true });
  } catch (error) {
    plan.compositionErrors = [(error as Error).message];
    return plan;
  }
  plan.supergraphSdl = composed.supergraphSdl;
  plan.unchanged = composed.supergraphSdl.trim() === supergraphSdlOf(input.currentSupergraphSdl);
  const operations = checkRegisteredOperations(input.operations, current.apiSchema, next.apiSchema);
  plan.brokenOperations = operations.broken;
  plan.staleOperations = operations.alreadyInvalid;
  const diff = diffApiSchemas(current.apiSchema, next.apiSchema);
  plan.breakingChanges = diff.breaking;
  plan.dangerousChanges = diff.dangerous;
  return plan;
}

/** Why a plan must not be written; empty when it may. `strict`: generic breaking changes refuse too. */
export function refusalsOf(plan: SubgraphChangePlan, options: { strict?: boolean } = {}): string[] {
  const refusals: string[] = [];
  if (plan.compositionErrors.length > 0)
    refusals.push(`composition failed with ${plan.compositionErrors.length} error(s)`);
  if (plan.brokenOperations.length > 0)
    refusals.push(`${plan.brokenOperations.length} registered operation(s) would break`);
  if (options.strict && plan.breakingChanges.length > 0)
    refusals.push(`${plan.breakingChanges.length} breaking schema change(s) (--strict)`);
  return refusals;
}
