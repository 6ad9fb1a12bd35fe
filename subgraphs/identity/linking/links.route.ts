import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import { DEFAULT_MATCH_CONFIG, type MatchConfig } from '../matching/match-config';
import type { DatabaseProvider } from '../../shared/store/database-url';
import type { IdentityStore } from '../store';
import { linkPatient } from './link-patient';
import { validateLinkRequest } from './validate-link-request';

/**
 * `POST /links`: vendor subgraphs announce a patient record and learn its global
 * id (`decision: 'existing' | 'created'`), or that it waits for review
 * (`decision: 'review'`, `patientId: null`; re-send later, as for any pending link).
 */
export function linksRoute(
  store: IdentityStore,
  match: MatchConfig = DEFAULT_MATCH_CONFIG,
  provider: DatabaseProvider = 'sqlite',
): SubgraphRoute {
  return {
    method: 'POST',
    path: '/links',
    auth: 'service',
    async handler(req, res, _url, logger) {
      const { request, problems } = validateLinkRequest(await readJsonBody(req, 1_000_000));
      if (!request) throw new HttpError(400, 'BAD_REQUEST', 'Invalid link request', { problems });
      const result = await linkPatient(store, request, match, provider);
      logger.info(
        {
          source: request.source,
          decision: result.decision,
          reason: result.reason,
          score: result.score ?? undefined,
          reviewId: result.reviewId,
        },
        'patient link',
      );
      sendJson(res, 200, result);
    },
  };
}
