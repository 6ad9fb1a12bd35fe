import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityStore } from '../store';
import { LinkConflictError, linkPatient } from './link-patient';
import { validateLinkRequest } from './validate-link-request';

/** `POST /links`: vendor subgraphs announce a patient record and learn its global id. */
export function linksRoute(store: IdentityStore): SubgraphRoute {
  return {
    method: 'POST',
    path: '/links',
    auth: 'service',
    async handler(req, res, _url, logger) {
      const { request, problems } = validateLinkRequest(await readJsonBody(req, 1_000_000));
      if (!request) throw new HttpError(400, 'BAD_REQUEST', 'Invalid link request', { problems });
      try {
        const result = await linkPatient(store, request);
        logger.info(
          { source: request.source, decision: result.decision, reason: result.reason },
          'patient link',
        );
        sendJson(res, 200, result);
      } catch (error) {
        if (error instanceof LinkConflictError) {
          throw new HttpError(409, 'LINK_CONFLICT', error.message, {
            patientIds: error.patientIds,
          });
        }
        throw error;
      }
    },
  };
}
