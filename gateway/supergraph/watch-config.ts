import type { EnvReader } from '../../subgraphs/shared/config/env-reader';

/** How the gateway follows its SUPERGRAPH_FILE (see supergraph-file-manager.ts). */
export interface SupergraphWatchConfig {
  /** Reload the file when it changes (SUPERGRAPH_WATCH, default true). */
  enabled: boolean;
  /** Quiet time after the last change before the file is read (editors write in bursts). */
  debounceMs: number;
  /** Polling fallback for file systems without change events (network mounts); 0 = off. */
  pollIntervalMs: number;
}

export const DEFAULT_SUPERGRAPH_WATCH: Readonly<SupergraphWatchConfig> = Object.freeze({
  enabled: true,
  debounceMs: 200,
  pollIntervalMs: 2_000,
});

export function readSupergraphWatchConfig(env: EnvReader): SupergraphWatchConfig {
  return {
    enabled: env.boolean('SUPERGRAPH_WATCH', DEFAULT_SUPERGRAPH_WATCH.enabled),
    debounceMs: env.int('SUPERGRAPH_WATCH_DEBOUNCE_MS', DEFAULT_SUPERGRAPH_WATCH.debounceMs, {
      min: 0,
      max: 60_000,
    }),
    pollIntervalMs: env.int(
      'SUPERGRAPH_POLL_INTERVAL_MS',
      DEFAULT_SUPERGRAPH_WATCH.pollIntervalMs,
      { min: 0 },
    ),
  };
}
