import fs from 'node:fs';
import path from 'node:path';

export interface FileWatchOptions {
  debounceMs: number;
  /** 0: no polling. */
  pollIntervalMs: number;
  /** false: no OS change events, polling only (default true). */
  events?: boolean;
  /** Called once if the OS watcher fails; polling (if on) carries on alone. */
  onWatchError?: (error: Error) => void;
}

export interface FileWatch {
  close(): void;
}

function signature(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

/**
 * Calls `onChange` (debounced) when a file may have changed. The folder is
 * watched rather than the file: tools that replace a file atomically (rename
 * over it, as `subgraph add` and most editors do) leave a watch on the old inode
 * deaf. fs.watch is not reliable everywhere (network and container mounts), so a
 * cheap stat poll runs beside it. Callers must tolerate spurious calls.
 */
export function watchFileChanges(
  file: string,
  onChange: () => void,
  options: FileWatchOptions,
): FileWatch {
  const absolute = path.resolve(file);
  const base = path.basename(absolute);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!closed) onChange();
    }, options.debounceMs);
    timer.unref();
  };

  let watcher: fs.FSWatcher | undefined;
  if (options.events !== false) {
    try {
      watcher = fs.watch(path.dirname(absolute), { persistent: false }, (_event, filename) => {
        if (!filename || filename.toString() === base) schedule();
      });
      watcher.on('error', (error) => {
        watcher?.close();
        watcher = undefined;
        options.onWatchError?.(error);
      });
    } catch (error) {
      options.onWatchError?.(error as Error);
    }
  }

  let poll: NodeJS.Timeout | undefined;
  if (options.pollIntervalMs > 0) {
    let last = signature(absolute);
    poll = setInterval(() => {
      const now = signature(absolute);
      if (now === last) return;
      last = now;
      schedule();
    }, options.pollIntervalMs);
    poll.unref();
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
