import path from 'node:path';
import { startServiceProcess, type ServiceProcess } from '../../cli/stack/service-process';

export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  extra: Record<string, unknown>;
  logFile: string;
  stop(): Promise<void>;
}

/** Variables of the caller's environment a measured server must not inherit. */
const DROPPED_ENV = ['NODE_ENV', 'APOLLO_KEY', 'APOLLO_GRAPH_REF', 'NODE_OPTIONS'];

export function benchEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of DROPPED_ENV) delete env[name];
  return { ...env, ...extra };
}

/**
 * Starts a server for a case in its own process (a TypeScript entry under the repo
 * root that ends in `runService`), waits for its `ready` message, and logs its
 * output to `<logDir>/<name>.log`. Servers never share the load generator's process.
 */
export async function startBenchProcess(options: {
  name: string;
  entry: string;
  env: Record<string, string>;
  logDir: string;
}): Promise<BenchProcess> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const started: ServiceProcess = await startServiceProcess({
    name: options.name,
    entry: options.entry,
    env: benchEnv(options.env),
    logFile,
    readyTimeoutMs: 90_000,
  });
  return {
    name: started.name,
    url: started.url,
    pid: started.child.pid ?? -1,
    extra: started.extra,
    logFile,
    stop: started.stop,
  };
}
