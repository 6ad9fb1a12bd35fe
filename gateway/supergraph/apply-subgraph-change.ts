import type { KeyObject } from 'node:crypto';
import { fetchSubgraphSdl } from '../compose-supergraph';
import { loadOperationRegistry } from './operation-registry';
import {
  planSubgraphChange,
  refusalsOf,
  SubgraphChangeError,
  type SubgraphChange,
  type SubgraphChangePlan,
} from './subgraph-change';
import {
  readSupergraphFile,
  supergraphFileText,
  writeSupergraphFileAtomic,
} from './supergraph-file';

export interface ApplySubgraphChangeOptions {
  change: SubgraphChange;
  /** The supergraph file to change (the one the gateway serves and watches). */
  supergraphFile: string;
  /** Registry of client operations (folders or safelist files); see operation-registry.ts. */
  operationSources: readonly string[];
  /** The gateway's assertion key: subgraphs answer `_service` only to the gateway. */
  privateKey: KeyObject;
  /** Refuse generic breaking changes too, not only those registered operations hit. */
  strict?: boolean;
  /** Report only; never write. */
  dryRun?: boolean;
  sdlTimeoutMs?: number;
}

export interface AppliedSubgraphChange {
  plan: SubgraphChangePlan;
  refusals: string[];
  written: boolean;
  /** Human-readable report, one line per entry. */
  report: string[];
}

function formatReport(plan: SubgraphChangePlan, refusals: string[], written: boolean): string[] {
  const { change } = plan;
  const lines: string[] = [];
  for (const error of plan.compositionErrors) lines.push(`composition error: ${error}`);
  for (const broken of plan.brokenOperations) {
    const name = broken.name ? ` (${broken.name})` : '';
    lines.push(`breaks registered operation ${broken.id}${name} from ${broken.source}:`);
    for (const error of broken.errors) lines.push(`    ${error}`);
  }
  for (const breaking of plan.breakingChanges)
    lines.push(`warning: breaking change ${breaking.type}: ${breaking.description}`);
  for (const dangerous of plan.dangerousChanges)
    lines.push(`note: dangerous change ${dangerous.type}: ${dangerous.description}`);
  for (const stale of plan.staleOperations)
    lines.push(
      `warning: registered operation ${stale.id} (${stale.source}) is already invalid: ${stale.errors[0]}`,
    );
  for (const hint of plan.hints) lines.push(`hint: ${hint}`);
  const what = `${change.action} ${change.name}`;
  if (refusals.length > 0) lines.push(`REFUSED (${what}): ${refusals.join('; ')}`);
  else if (plan.unchanged) lines.push(`No change (${what}): the supergraph is already this one`);
  else if (written)
    lines.push(
      `OK (${what}): supergraph written with ${plan.subgraphs.length} subgraphs: ${plan.subgraphs.map((s) => s.name).join(', ')}`,
    );
  else lines.push(`OK (${what}): would write ${plan.subgraphs.length} subgraphs (dry run)`);
  return lines;
}

/**
 * `npx patientgraph subgraph add|update|remove`: plans the change against the
 * supergraph file, and writes the new supergraph atomically only when it
 * composes and breaks no registered operation. A gateway following the file
 * (SUPERGRAPH_FILE) picks it up by itself.
 */
export async function applySubgraphChange(
  options: ApplySubgraphChangeOptions,
): Promise<AppliedSubgraphChange> {
  const registry = loadOperationRegistry(options.operationSources);
  if (registry.problems.length > 0) {
    throw new SubgraphChangeError(
      `The operation registry cannot be read, so breaking changes cannot be checked:\n  - ${registry.problems.join('\n  - ')}`,
    );
  }
  const currentText = readSupergraphFile(options.supergraphFile);
  const plan = await planSubgraphChange({
    change: options.change,
    currentSupergraphSdl: currentText,
    operations: registry.operations,
    fetchSdl: async (endpoint) =>
      (await fetchSubgraphSdl(endpoint, options.privateKey, options.sdlTimeoutMs)).sdl,
  });
  const refusals = refusalsOf(plan, { strict: options.strict });
  let written = false;
  if (refusals.length === 0 && !plan.unchanged && !options.dryRun && plan.supergraphSdl) {
    // Another change written while this one was composed would be silently undone.
    if (readSupergraphFile(options.supergraphFile) !== currentText) {
      throw new SubgraphChangeError(
        `${options.supergraphFile} changed while the new supergraph was composed; run the command again`,
      );
    }
    writeSupergraphFileAtomic(
      options.supergraphFile,
      supergraphFileText(plan.supergraphSdl, `subgraph ${options.change.action}`),
    );
    written = true;
  }
  return { plan, refusals, written, report: formatReport(plan, refusals, written) };
}
