import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readBody, readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityStore } from '../store';
import { mergePatients } from './merge-patients';
import { undoMerge } from './undo-merge';
import { validateMergeRequest, validateUndoRequest } from './validate-merge-request';

const MAX_LIMIT = 200;

/** An optional JSON body: none at all is `undefined`, anything else must parse. */
async function readOptionalJson(req: Parameters<SubgraphRoute['handler']>[0]): Promise<unknown> {
  const body = await readBody(req, 10_000);
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      `Request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/**
 * Merges (service routes):
 *  - `POST /merges` `{ source, survivor, merged, reason?, requestedBy? }` -> MergeResult
 *    (`survivor`/`merged`: `{ system, value }` or `{ patientId }`; HL7 A40 sends its keys);
 *  - `POST /merges/{mergeId}/undo` `{ requestedBy? }` (body optional) -> UndoResult;
 *  - `GET /merges?patientId=&limit=`: merge history, newest first.
 */
export function mergeRoutes(store: IdentityStore): SubgraphRoute[] {
  return [
    {
      method: 'POST',
      path: '/merges',
      auth: 'service',
      async handler(req, res, _url, logger) {
        const { request, problems } = validateMergeRequest(await readJsonBody(req, 10_000));
        if (!request)
          throw new HttpError(400, 'BAD_REQUEST', 'Invalid merge request', { problems });
        const result = await mergePatients(store, request);
        logger.info(
          {
            source: request.source,
            mergeId: result.mergeId,
            status: result.status,
            moved: result.moved,
          },
          'patient merge',
        );
        sendJson(res, 200, result);
      },
    },
    {
      method: 'POST',
      path: '/merges/*',
      auth: 'service',
      async handler(req, res, url, logger) {
        const match = /^\/merges\/([^/]+)\/undo$/.exec(url.pathname);
        if (!match) throw new HttpError(404, 'NOT_FOUND', `No route POST ${url.pathname}`);
        const { request, problems } = validateUndoRequest(await readOptionalJson(req));
        if (!request) throw new HttpError(400, 'BAD_REQUEST', 'Invalid undo request', { problems });
        const result = await undoMerge(store, decodeURIComponent(match[1]!), request.requestedBy);
        logger.info({ mergeId: result.mergeId, restored: result.restored }, 'patient merge undone');
        sendJson(res, 200, result);
      },
    },
    {
      method: 'GET',
      path: '/merges',
      auth: 'service',
      async handler(_req, res, url) {
        const patientId = url.searchParams.get('patientId');
        const rawLimit = url.searchParams.get('limit');
        const limit = rawLimit === null ? 50 : Number(rawLimit);
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
          throw new HttpError(
            400,
            'BAD_REQUEST',
            `limit must be an integer from 1 to ${MAX_LIMIT}`,
          );
        }
        const merges = await store.patientMerge.findMany({
          where: patientId ? { OR: [{ survivorId: patientId }, { mergedId: patientId }] } : {},
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
          take: limit,
          include: { _count: { select: { moves: true } } },
        });
        sendJson(res, 200, {
          merges: merges.map(({ _count, ...merge }) => ({
            ...merge,
            createdAt: merge.createdAt.toISOString(),
            undoneAt: merge.undoneAt?.toISOString() ?? null,
            identifiers: _count.moves,
          })),
        });
      },
    },
  ];
}
