import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityStore } from '../store';
import { decideReview } from './decide-review';
import { reviewViewOf } from './review-view';
import { validateReviewDecision } from './validate-review-decision';

const STATUSES = ['pending', 'linked', 'new-patient', 'rejected', 'superseded', 'all'] as const;
const MAX_LIMIT = 200;

function encodeCursor(item: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([item.createdAt.toISOString(), item.id])).toString('base64url');
}

function decodeCursor(text: string): { createdAt: Date; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string') {
      const createdAt = new Date(value[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: value[1] };
    }
  } catch {
    // fall through to the typed error
  }
  throw new HttpError(400, 'BAD_REQUEST', 'Invalid cursor in `after`');
}

function parseListQuery(url: URL) {
  const status = url.searchParams.get('status') ?? 'pending';
  if (!(STATUSES as readonly string[]).includes(status)) {
    throw new HttpError(400, 'BAD_REQUEST', `status must be one of ${STATUSES.join(', ')}`);
  }
  const rawLimit = url.searchParams.get('limit');
  const limit = rawLimit === null ? 50 : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new HttpError(400, 'BAD_REQUEST', `limit must be an integer from 1 to ${MAX_LIMIT}`);
  }
  const after = url.searchParams.get('after');
  return { status, limit, after: after ? decodeCursor(after) : null };
}

/** `/review/{id}` or `/review/{id}/decision` -> [id, 'decision' | undefined]. */
function parseItemPath(pathname: string): [string, string | undefined] {
  const [id, action, ...rest] = pathname.slice('/review/'.length).split('/');
  if (!id || rest.length > 0) throw new HttpError(404, 'NOT_FOUND', `No route ${pathname}`);
  return [decodeURIComponent(id), action];
}

/**
 * The review list (service routes, for a reviewer UI or tool):
 *  - `GET /review?status=pending&limit=50&after=<cursor>`: items oldest first,
 *    `{ items: ReviewView[], nextCursor }`;
 *  - `GET /review/{id}`: one item;
 *  - `POST /review/{id}/decision` `{ action: 'link', patientId, reviewer, note? }`
 *    | `{ action: 'new-patient', reviewer }` | `{ action: 'reject', reviewer }`.
 */
export function reviewRoutes(store: IdentityStore): SubgraphRoute[] {
  return [
    {
      method: 'GET',
      path: '/review',
      auth: 'service',
      async handler(_req, res, url) {
        const { status, limit, after } = parseListQuery(url);
        const rows = await store.matchReview.findMany({
          where: {
            ...(status === 'all' ? {} : { status }),
            ...(after
              ? {
                  OR: [
                    { createdAt: { gt: after.createdAt } },
                    { createdAt: after.createdAt, id: { gt: after.id } },
                  ],
                }
              : {}),
          },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          take: limit + 1,
        });
        const page = rows.slice(0, limit);
        const items = await Promise.all(page.map((row) => reviewViewOf(store, row)));
        sendJson(res, 200, {
          items,
          nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!) : null,
        });
      },
    },
    {
      method: 'GET',
      path: '/review/*',
      auth: 'service',
      async handler(_req, res, url) {
        const [id, action] = parseItemPath(url.pathname);
        if (action !== undefined)
          throw new HttpError(404, 'NOT_FOUND', `No route GET ${url.pathname}`);
        const item = await store.matchReview.findUnique({ where: { id } });
        if (!item) throw new HttpError(404, 'NOT_FOUND', 'No review item with this id');
        sendJson(res, 200, await reviewViewOf(store, item));
      },
    },
    {
      method: 'POST',
      path: '/review/*',
      auth: 'service',
      async handler(req, res, url, logger) {
        const [id, action] = parseItemPath(url.pathname);
        if (action !== 'decision') {
          throw new HttpError(404, 'NOT_FOUND', `No route POST ${url.pathname}`);
        }
        const { decision, problems } = validateReviewDecision(await readJsonBody(req, 10_000));
        if (!decision)
          throw new HttpError(400, 'BAD_REQUEST', 'Invalid review decision', { problems });
        const result = await decideReview(store, id, decision);
        logger.info({ reviewId: id, status: result.status }, 'review decided');
        sendJson(res, 200, result);
      },
    },
  ];
}
