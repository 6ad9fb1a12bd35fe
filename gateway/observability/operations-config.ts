import type { EnvReader } from '../../subgraphs/shared/config/env-reader';

export interface OperationsConfig {
  /** Timeout of each subgraph's health check behind /readyz. */
  readinessTimeoutMs: number;
  /** How long one readiness result answers every probe. */
  readinessCacheMs: number;
  /** How long in-flight requests may run on after SIGTERM before connections are cut. */
  shutdownGraceMs: number;
  /**
   * Who may read /metrics. `token`: `Authorization: Bearer <METRICS_TOKEN>`.
   * `open`: anyone (development without METRICS_TOKEN). `off`: 404 (production
   * without METRICS_TOKEN: operational data is not published unless asked for).
   */
  metrics: { access: 'token' | 'open' | 'off'; token?: string };
}

/** runService exits the process 10 s after SIGTERM whatever happens; drain before that. */
const MAX_GRACE_MS = 9_000;

export function readOperationsConfig(env: EnvReader, production: boolean): OperationsConfig {
  const token = env.optionalString('METRICS_TOKEN');
  if (token && production && token.length < 16)
    env.problem('METRICS_TOKEN must be at least 16 characters in production');
  return {
    readinessTimeoutMs: env.int('READYZ_TIMEOUT_MS', 1_000, { min: 1 }),
    readinessCacheMs: env.int('READYZ_CACHE_MS', 1_000, { min: 0 }),
    shutdownGraceMs: env.int('SHUTDOWN_GRACE_MS', 8_000, { min: 0, max: MAX_GRACE_MS }),
    metrics: token ? { access: 'token', token } : { access: production ? 'off' : 'open' },
  };
}
