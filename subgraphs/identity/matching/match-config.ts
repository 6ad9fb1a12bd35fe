import type { EnvReader } from '../../shared/config/env-reader';

/** How sure the matcher must be to link on its own, or to ask a person. */
export interface MatchConfig {
  /** Score (0..1) at or above which a record links to a candidate automatically. */
  autoLinkThreshold: number;
  /** Score at or above which (and below auto-link) a record waits for review. */
  reviewThreshold: number;
  /** Most candidate records scored per link request (blocking cap). */
  maxCandidates: number;
}

export const DEFAULT_MATCH_CONFIG: Readonly<MatchConfig> = Object.freeze({
  autoLinkThreshold: 0.98,
  reviewThreshold: 0.5,
  maxCandidates: 200,
});

/**
 * MATCH_AUTO_LINK_THRESHOLD (default 0.98), MATCH_REVIEW_THRESHOLD (default 0.5),
 * MATCH_MAX_CANDIDATES (default 200). Problems are collected by the reader.
 */
export function readMatchConfig(env: EnvReader): MatchConfig {
  const autoLinkThreshold = env.number(
    'MATCH_AUTO_LINK_THRESHOLD',
    DEFAULT_MATCH_CONFIG.autoLinkThreshold,
  );
  const reviewThreshold = env.number(
    'MATCH_REVIEW_THRESHOLD',
    DEFAULT_MATCH_CONFIG.reviewThreshold,
  );
  for (const [name, value] of [
    ['MATCH_AUTO_LINK_THRESHOLD', autoLinkThreshold],
    ['MATCH_REVIEW_THRESHOLD', reviewThreshold],
  ] as const) {
    if (value <= 0 || value > 1) env.problem(`${name} must be in (0, 1] (got ${value})`);
  }
  if (reviewThreshold > autoLinkThreshold) {
    env.problem('MATCH_REVIEW_THRESHOLD must not exceed MATCH_AUTO_LINK_THRESHOLD');
  }
  const maxCandidates = env.int('MATCH_MAX_CANDIDATES', DEFAULT_MATCH_CONFIG.maxCandidates, {
    min: 1,
    max: 5000,
  });
  return { autoLinkThreshold, reviewThreshold, maxCandidates };
}
