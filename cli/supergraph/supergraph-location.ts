import path from 'node:path';
import { stackSupergraphFile } from '../../gateway/supergraph/supergraph-file';
import { PROJECT_ROOT, stateDir } from '../../subgraphs/shared/config/project-paths';
import { readStackFile } from '../stack/stack-file';

/** The supergraph file under version control, composed from PatientGraph's own subgraphs. */
export const COMMITTED_SUPERGRAPH_FILE = path.join(PROJECT_ROOT, 'gateway', 'supergraph.graphql');

/**
 * Which supergraph file the supergraph commands work on when none is named:
 * SUPERGRAPH_FILE (what a deployed gateway serves), else the running local
 * stack's (`npm start` serves `<home>/supergraph.graphql`), else the committed one.
 */
export function defaultSupergraphFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SUPERGRAPH_FILE) return path.resolve(env.SUPERGRAPH_FILE);
  const home = stateDir(env);
  if (readStackFile(home)) return stackSupergraphFile(home);
  return COMMITTED_SUPERGRAPH_FILE;
}
