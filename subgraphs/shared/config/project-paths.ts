import path from 'node:path';

/** The repository root: this file lives at subgraphs/shared/config/. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Where a running stack keeps its state (databases, chain deployment, logs).
 * One folder, outside git, so `rm -rf .patientgraph` is a full reset.
 */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.PATIENTGRAPH_HOME ?? path.join(PROJECT_ROOT, '.patientgraph'));
}

export function defaultDatabaseUrl(store: string, env: NodeJS.ProcessEnv = process.env): string {
  return `file:${path.join(stateDir(env), 'data', `${store}.db`)}`;
}

/**
 * The audit logs' default: one SQLite file per writing process in `data/audit/`
 * (see audit/audit-locations.ts for why); `{logId}` is the process's log id.
 */
export function defaultAuditDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return `file:${path.join(stateDir(env), 'data', 'audit', '{logId}.db')}`;
}

export function chainDeploymentFile(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHAIN_DEPLOYMENT_FILE ?? path.join(stateDir(env), 'chain.json');
}
