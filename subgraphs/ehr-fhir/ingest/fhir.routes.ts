import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../shared/logger';
import {
  badRequest,
  notFound,
  outcomeHttpStatus,
  serverError,
  tooLarge,
  type OperationOutcome,
} from '../../shared/fhir/outcomes';
import { HttpError } from '../../shared/http/http-errors';
import { readBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import { FHIR_ID } from '../fhir/resource-types';
import { ingestFhirBody } from './bundle-ingest';
import type { IngestContext } from './ingest-context';
import { ingestNdjson } from './ndjson-ingest';
import { ndjsonLines } from './ndjson-lines';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function sendFhir(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendOutcome(res: ServerResponse, outcome: OperationOutcome): void {
  sendFhir(res, outcomeHttpStatus(outcome), outcome);
}

function isNdjson(req: IncomingMessage): boolean {
  return /ndjson/i.test(req.headers['content-type'] ?? '');
}

/** Runs a FHIR handler so that every failure is answered as an OperationOutcome. */
async function answerFhir(res: ServerResponse, logger: Logger, work: () => Promise<void>) {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) {
      sendOutcome(
        res,
        error.status === 413
          ? tooLarge(error.message)
          : badRequest(error.message, undefined, 'structure'),
      );
      return;
    }
    logger.error(
      { err: { name: (error as Error)?.name, stack: (error as Error)?.stack } },
      'fhir ingest failed',
    );
    if (!res.headersSent) sendOutcome(res, serverError);
    else res.destroy();
  }
}

async function ndjson(ctx: IngestContext, req: IncomingMessage, res: ServerResponse) {
  const result = await ingestNdjson({ ...ctx }, ndjsonLines(req));
  sendFhir(res, result.status, result.body);
}

/**
 * The EHR's ingest and read API (service token required):
 * - `POST /fhir`: a FHIR Bundle (transaction, batch, collection, ...) or one resource,
 *   `application/fhir+json`; with an NDJSON content type, the body is taken as NDJSON.
 * - `POST /fhir/$ndjson`: FHIR Bulk Data NDJSON (`application/fhir+ndjson`), streamed.
 * - `GET /fhir/{type}/{id}`: the stored resource (as received, references resolved).
 */
export function fhirRoutes(ctx: IngestContext, maxBundleBytes: number): SubgraphRoute[] {
  return [
    {
      method: 'POST',
      path: '/fhir',
      auth: 'service',
      handler: (req, res, _url, logger) =>
        answerFhir(res, logger, async () => {
          if (isNdjson(req)) return ndjson({ ...ctx, logger }, req, res);
          const raw = await readBody(req, maxBundleBytes);
          let body: unknown;
          try {
            body = JSON.parse(raw.toString('utf8').replace(/^\uFEFF/, ''));
          } catch (error) {
            sendOutcome(
              res,
              badRequest(
                `The body is not valid JSON: ${(error as Error).message}`,
                undefined,
                'structure',
              ),
            );
            return;
          }
          const result = await ingestFhirBody({ ...ctx, logger }, body);
          sendFhir(res, result.status, result.body);
        }),
    },
    {
      method: 'POST',
      path: '/fhir/$ndjson',
      auth: 'service',
      handler: (req, res, _url, logger) =>
        answerFhir(res, logger, () => ndjson({ ...ctx, logger }, req, res)),
    },
    {
      method: 'GET',
      path: '/fhir/*',
      auth: 'service',
      handler: (_req, res, url, logger) =>
        answerFhir(res, logger, async () => {
          const [type, id] = url.pathname.split('/').slice(2);
          if (!type || !id || !FHIR_ID.test(id)) {
            sendOutcome(res, badRequest('Read needs /fhir/{type}/{id}'));
            return;
          }
          const row = await ctx.store.fhirResource.findUnique({ where: { key: `${type}/${id}` } });
          if (!row || row.deleted) {
            sendOutcome(res, notFound(`${type}/${id} is not stored`));
            return;
          }
          const resource = JSON.parse(row.json) as Record<string, unknown>;
          resource.meta = {
            ...((resource.meta as object | undefined) ?? {}),
            versionId: String(row.versionId),
            lastUpdated: row.lastUpdated.toISOString(),
          };
          sendFhir(res, 200, resource);
        }),
    },
  ];
}
