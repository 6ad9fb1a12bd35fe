import { ConfigError } from '../config/env-reader';

export interface StartedService {
  url: string;
  close(): Promise<void>;
}

/** The message a service sends its parent (the stack runner, a test) once it listens. */
export interface ReadyMessage {
  type: 'ready';
  service: string;
  url: string;
  extra?: Record<string, unknown>;
}

/**
 * The `main` of every PatientGraph process: starts the service, tells a parent
 * process (if any) where it listens, and stops gracefully on SIGINT/SIGTERM or when
 * the parent goes away, so Ctrl-C on `npm start` never leaves orphans behind.
 */
export function runService(
  service: string,
  start: () => Promise<StartedService & { extra?: Record<string, unknown> }>,
): void {
  let running: StartedService | undefined;
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    const done = () => process.exit(code);
    const timer = setTimeout(done, 10_000);
    timer.unref();
    (running ? running.close() : Promise.resolve()).then(done, (error: unknown) => {
      console.error(`${service}: error while stopping: ${(error as Error).message}`);
      process.exit(1);
    });
  };
  // A library's background promise (an RPC retry, a socket reset: ethers leaves some
  // unobserved while a chain node is down) must not take a service that holds patient
  // data down; it is logged by name and code only, at most once a minute per kind.
  const lastLogged = new Map<string, number>();
  process.on('unhandledRejection', (reason) => {
    const error = reason instanceof Error ? reason : new Error(String(reason));
    const kind = `${error.name}: ${(error as NodeJS.ErrnoException).code ?? error.message.slice(0, 80)}`;
    if (Date.now() - (lastLogged.get(kind) ?? 0) < 60_000) return;
    lastLogged.set(kind, Date.now());
    console.error(`${service}: unhandled rejection (${kind})`);
  });
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  process.on('disconnect', () => stop(0));
  start()
    .then((started) => {
      running = started;
      const message: ReadyMessage = {
        type: 'ready',
        service,
        url: started.url,
        extra: started.extra,
      };
      if (process.send) process.send(message);
      else console.log(`${service} listening on ${started.url}`);
    })
    .catch((error: unknown) => {
      if (error instanceof ConfigError) console.error(error.message);
      else console.error(`${service} failed to start:`, error);
      process.exit(1);
    });
}
