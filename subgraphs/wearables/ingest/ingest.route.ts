import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import { parseOmhSchemaParam } from '../mappers/omh-data-point-to-points';
import { isValidTimeZone, parseUtcOffset, type ZoneSpec } from '../mappers/time';
import { isVendor, VENDORS } from '../vendors';
import { ingestPayload, type IngestStores } from './ingest-payload';
import type { DataPayloadKind } from './map-payload';
import {
  detectWearablePayload,
  isWearablePayloadKind,
  WEARABLE_PAYLOAD_KINDS,
} from './payload-kind';

export interface IngestRouteOptions {
  maxBodyBytes: number;
}

function queryParams(url: URL) {
  const problems: string[] = [];
  const account = url.searchParams.get('account');
  const vendor = url.searchParams.get('vendor');
  if (vendor !== null && !isVendor(vendor)) {
    problems.push(`vendor must be one of ${VENDORS.join(', ')}`);
  }
  const timeZone = url.searchParams.get('timeZone');
  const utcOffset = url.searchParams.get('utcOffset');
  if (timeZone !== null && !isValidTimeZone(timeZone)) {
    problems.push('timeZone must be an IANA time zone such as America/New_York');
  }
  if (utcOffset !== null && parseUtcOffset(utcOffset) === null) {
    problems.push('utcOffset must look like +HH:MM, -HHMM or Z');
  }
  const schemaText = url.searchParams.get('schema');
  const omhSchema = schemaText === null ? null : parseOmhSchemaParam(schemaText);
  if (schemaText !== null && !omhSchema) {
    problems.push('schema must name an Open mHealth schema and version, e.g. heart-rate-2.0');
  }
  if (problems.length) throw new HttpError(400, 'BAD_REQUEST', 'Invalid query', { problems });
  const zone: ZoneSpec | null = timeZone || utcOffset ? { timeZone, utcOffset } : null;
  return {
    accountId: account && account.trim() !== '' ? account.trim() : null,
    vendor: vendor as (typeof VENDORS)[number] | null,
    zone,
    omhSchema,
  };
}

/**
 * `POST /ingest/<kind>` (kind: fitbit-heart, fitbit-steps, fitbit-sleep,
 * dexcom-egvs, omh, googlefit, ihealth, withings) and `POST /ingest` (kind
 * detected from the JSON shape). Query: `account` (the vendor account id, e.g. the
 * Fitbit user id or Dexcom serial), `timeZone` or `utcOffset` (for local vendor
 * times, over the enrollment's), `vendor` (OMH data from another vendor's account),
 * `schema` (a bare OMH body's schema, e.g. heart-rate-2.0). Answers the summary:
 * 200 when something was stored or was a duplicate, 422 when everything was rejected.
 */
export function ingestRoutes(stores: IngestStores, options: IngestRouteOptions): SubgraphRoute[] {
  async function handle(
    kindFromPath: string | null,
    req: Parameters<SubgraphRoute['handler']>[0],
    res: Parameters<SubgraphRoute['handler']>[1],
    url: URL,
    logger: Parameters<SubgraphRoute['handler']>[3],
  ): Promise<void> {
    const params = queryParams(url);
    if (kindFromPath !== null && !isWearablePayloadKind(kindFromPath)) {
      throw new HttpError(404, 'NOT_FOUND', `Unknown payload kind ${kindFromPath}`, {
        kinds: WEARABLE_PAYLOAD_KINDS.filter((k) => k !== 'enrollment'),
      });
    }
    const payload = await readJsonBody(req, options.maxBodyBytes);
    const kind =
      kindFromPath ?? (params.omhSchema ? 'omh' : detectWearablePayload(payload)) ?? null;
    if (kind === null) {
      throw new HttpError(
        400,
        'UNRECOGNISED_PAYLOAD',
        'Not a wearable payload this subgraph knows',
        {
          kinds: WEARABLE_PAYLOAD_KINDS,
        },
      );
    }
    if (kind === 'enrollment') {
      throw new HttpError(400, 'BAD_REQUEST', 'Enrollments go to POST /enrollments');
    }
    const started = Date.now();
    const summary = await ingestPayload(stores, {
      kind: kind as DataPayloadKind,
      payload,
      ...params,
    });
    logger.info(
      {
        kind,
        accepted: summary.accepted,
        duplicates: summary.duplicates,
        rejected: summary.rejected.length,
        ms: Date.now() - started,
      },
      'wearable payload ingested',
    );
    const nothingStored = summary.accepted === 0 && summary.duplicates === 0;
    if (nothingStored && summary.rejected.length > 0) {
      sendJson(res, 422, {
        ...summary,
        error: { code: 'UNPROCESSABLE', message: 'Nothing in the payload could be stored' },
      });
      return;
    }
    sendJson(res, 200, summary);
  }
  return [
    {
      method: 'POST',
      path: '/ingest',
      auth: 'service',
      handler: (req, res, url, logger) => handle(null, req, res, url, logger),
    },
    {
      method: 'POST',
      path: '/ingest/*',
      auth: 'service',
      handler: (req, res, url, logger) =>
        handle(url.pathname.slice('/ingest/'.length), req, res, url, logger),
    },
  ];
}
