import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../subgraphs/shared/config/project-paths';
import type { ReadyMessage } from '../../subgraphs/shared/process/run-service';

export interface ServiceProcess {
  name: string;
  url: string;
  extra: Record<string, unknown>;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface StartServiceOptions {
  name: string;
  /** Entry file relative to the repository root (a .ts file, run through SWC). */
  entry: string;
  env: NodeJS.ProcessEnv;
  /** Where the process's stdout/stderr go (a JSON log per line). */
  logFile: string;
  readyTimeoutMs?: number;
  /** Extra node flags (e.g. a preload that records network connections in tests). */
  execArgv?: string[];
}

export class ServiceStartError extends Error {
  constructor(
    readonly service: string,
    message: string,
    readonly logTail: string,
  ) {
    super(
      `${service} did not start: ${message}${logTail ? `\n--- last log lines ---\n${logTail}` : ''}`,
    );
    this.name = 'ServiceStartError';
  }
}

function tail(file: string, lines = 20): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/**
 * Starts one PatientGraph process (a subgraph or the gateway) as a child with an
 * IPC channel, and resolves when it reports `ready` with its URL. The child runs
 * the TypeScript entry through bin/register-typescript.js, like `patientgraph`. If it exits or
 * stays silent, the error carries the end of its log so the cause is visible.
 */
export function startServiceProcess(options: StartServiceOptions): Promise<ServiceProcess> {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  const child = fork(path.join(PROJECT_ROOT, options.entry), [], {
    cwd: PROJECT_ROOT,
    env: options.env,
    execArgv: [
      '-r',
      path.join(PROJECT_ROOT, 'bin', 'register-typescript.js'),
      ...(options.execArgv ?? []),
    ],
    stdio: ['ignore', log, log, 'ipc'],
  });
  fs.closeSync(log);

  let exited = false;
  const exitPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => (exited = true));

  const stop = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exitPromise;
    clearTimeout(timer);
  };

  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => {
      cleanup();
      void stop();
      reject(new ServiceStartError(options.name, 'no ready signal in time', tail(options.logFile)));
    }, options.readyTimeoutMs ?? 60_000);
    const onMessage = (message: unknown) => {
      const ready = message as ReadyMessage;
      if (ready?.type !== 'ready') return;
      cleanup();
      resolve({
        name: options.name,
        url: ready.url,
        extra: ready.extra ?? {},
        child,
        stop,
      });
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(
        new ServiceStartError(options.name, `exited with code ${code}`, tail(options.logFile)),
      );
    };
    function cleanup() {
      clearTimeout(timeout);
      child.off('message', onMessage);
      child.off('exit', onExit);
    }
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}
