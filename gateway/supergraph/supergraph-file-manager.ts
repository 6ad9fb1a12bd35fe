import { createHash } from 'node:crypto';
import type { SupergraphManager, SupergraphSdlUpdateFunction } from '@apollo/gateway';
import type { Logger } from '../../subgraphs/shared/logger';
import { watchFileChanges, type FileWatch } from './file-watcher';
import { readSupergraphFile } from './supergraph-file';
import { loadSupergraph } from './supergraph-schema';
import type { SupergraphWatchConfig } from './watch-config';

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Serves a supergraph from a file and follows it: Apollo Gateway's
 * `supergraphSdl: { initialize({ update }) }` form. When the file changes, the
 * new text is checked the way the gateway will load it (validation, API schema,
 * a query planner) and only then handed to `update`; Apollo swaps schema and
 * planner between requests, so requests already running finish on the old one.
 * A file that fails the checks (a half-written edit, a bad merge) is refused
 * with a log line and the previous supergraph keeps serving.
 */
export class SupergraphFileManager implements SupergraphManager {
  private currentHash: string | undefined;
  private lastRejectedHash: string | undefined;
  private watch: FileWatch | undefined;
  private reloads = 0;

  constructor(
    private readonly options: {
      file: string;
      logger: Logger;
      watch: SupergraphWatchConfig;
      /** Told after each successful reload (tests, metrics). */
      onReload?: (supergraphSdl: string) => void;
    },
  ) {}

  /** How many times the file was reloaded since start. */
  get reloadCount(): number {
    return this.reloads;
  }

  async initialize({ update }: { update: SupergraphSdlUpdateFunction }) {
    const { file, logger, watch } = this.options;
    const text = readSupergraphFile(file);
    const loaded = loadSupergraph(text);
    this.currentHash = hashOf(text);
    logger.info({ file, subgraphs: loaded.subgraphs.map((s) => s.name) }, 'supergraph file loaded');
    if (watch.enabled) {
      this.watch = watchFileChanges(file, () => this.reload(update), {
        debounceMs: watch.debounceMs,
        pollIntervalMs: watch.pollIntervalMs,
        onWatchError: (error) =>
          logger.warn(
            { file, reason: error.message, pollIntervalMs: watch.pollIntervalMs },
            'cannot watch the supergraph file for changes; polling only',
          ),
      });
    }
    return {
      supergraphSdl: text,
      cleanup: async () => {
        this.watch?.close();
        this.watch = undefined;
      },
    };
  }

  private reload(update: SupergraphSdlUpdateFunction): void {
    const { file, logger } = this.options;
    let text: string;
    try {
      text = readSupergraphFile(file);
    } catch (error) {
      logger.error(
        { file, reason: (error as Error).message },
        'supergraph file unreadable; still serving the previous supergraph',
      );
      return;
    }
    const hash = hashOf(text);
    if (hash === this.currentHash || hash === this.lastRejectedHash) return;
    let subgraphs: string[];
    try {
      subgraphs = loadSupergraph(text, { plan: true }).subgraphs.map((s) => s.name);
      update(text);
    } catch (error) {
      this.lastRejectedHash = hash;
      logger.error(
        { file, reason: (error as Error).message },
        'supergraph file rejected; still serving the previous supergraph',
      );
      return;
    }
    this.currentHash = hash;
    this.lastRejectedHash = undefined;
    this.reloads++;
    logger.info({ file, subgraphs, compositionId: hash.slice(0, 12) }, 'supergraph reloaded');
    this.options.onReload?.(text);
  }
}
