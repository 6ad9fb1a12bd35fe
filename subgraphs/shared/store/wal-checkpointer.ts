import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nativeLibsqlPath } from './native-libsql';

/** How often the background thread checkpoints each store's WAL. */
export const CHECKPOINT_INTERVAL_MS = 1_000;

/**
 * The WAL size (pages) at which a connection checkpoints by itself, inside the
 * COMMIT that crossed it, on the thread that committed. Kept well above what the
 * background checkpointer lets the WAL reach, so it only acts when that thread is
 * behind or gone: a bound, not the usual path. (SQLite's default is 1,000.)
 */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 16_000;

interface Running {
  worker: Worker;
  holders: number;
  exited: Promise<void>;
}

const running = new Map<string, Running>();

/**
 * Keeps a background checkpointer for a SQLite file while anyone holds it: one
 * thread per file and process, whatever the number of connections. Returns the
 * release, which resolves once the thread has closed its connection when it was
 * the last holder (so the caller may then delete the file). On ingest the COMMIT
 * was about a sixth of ehr-fhir's main thread, part of it auto-checkpoints.
 */
export function holdWalCheckpointer(
  file: string,
  intervalMs = CHECKPOINT_INTERVAL_MS,
): () => Promise<void> {
  let entry = running.get(file);
  if (!entry) {
    const worker = new Worker(path.join(__dirname, 'wal-checkpointer.worker.js'), {
      workerData: { file, libsqlPath: nativeLibsqlPath(), intervalMs },
    });
    // It must never keep a process alive, nor take it down.
    worker.unref();
    const exited = new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
    });
    worker.on('error', () => {
      if (running.get(file)?.worker === worker) running.delete(file);
    });
    entry = { worker, holders: 0, exited };
    running.set(file, entry);
  }
  const held = entry;
  held.holders++;
  let released: Promise<void> | undefined;
  return () => {
    if (released) return released;
    held.holders--;
    if (held.holders > 0) return (released = Promise.resolve());
    if (running.get(file) === held) running.delete(file);
    // Whoever awaits the release must get to run: without this, a process with
    // nothing else pending exited at the await, skipping the code after it.
    held.worker.ref();
    held.worker.postMessage('stop');
    return (released = held.exited);
  };
}
