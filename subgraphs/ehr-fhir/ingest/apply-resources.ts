import { createHash } from 'node:crypto';
import type { FhirJson } from '../fhir/fhir-json';
import { str } from '../fhir/fhir-json';
import { indexResource, type TokenRow } from '../indexing/index-resource';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { EhrFhirTx } from '../store';
import { bulkInsert, RESOURCE_TABLE, TOKEN_TABLE, VERSION_TABLE } from '../store-bulk';

/** One write to perform: a resource version to store, or a deletion. */
export interface ResourceWrite {
  resourceType: string;
  id: string;
  /** null: delete. */
  resource: FhirJson | null;
}

export type WriteResult = 'created' | 'updated' | 'unchanged' | 'deleted' | 'gone';

export interface WriteOutcome {
  result: WriteResult;
  versionId: number;
  lastUpdated: Date;
}

interface RowState {
  exists: boolean;
  /** Whether the row is in the database already (update) or must be created. */
  inDb: boolean;
  versionId: number;
  contentHash: string;
  deleted: boolean;
  json: string;
  lastUpdated: Date;
  dirty: boolean;
  tokens: TokenRow[];
  index: Omit<ReturnType<typeof indexResource>, 'tokens'> | null;
  sourceVersionId: string | null;
  sourceLastUpdated: string | null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function contentHashOf(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

/**
 * Stores a batch of writes inside the caller's database transaction, with a fixed
 * number of round trips whatever the batch size: one read of the current rows, bulk
 * inserts of new rows, history rows and tokens, and one update per replaced row.
 * Identical content is recognised (result `unchanged`, no new version); the same
 * resource twice in one batch is applied in order.
 */
export async function applyResourceWrites(
  tx: EhrFhirTx,
  writes: ResourceWrite[],
  now: Date,
  provider: DatabaseProvider = 'sqlite',
): Promise<WriteOutcome[]> {
  const keys = [...new Set(writes.map((w) => `${w.resourceType}/${w.id}`))];
  const current = new Map<string, RowState>();
  for (const part of chunks(keys, 500)) {
    // SQL on Prisma's raw channel (see RawSqlParams): through the query builder a
    // 500-key IN list cost several milliseconds of compiling per chunk.
    const params = new RawSqlParams(provider);
    const rows = await tx.$queryRawUnsafe<
      {
        key: string;
        versionId: number;
        contentHash: string;
        deleted: boolean;
        json: string;
        lastUpdated: Date;
      }[]
    >(
      'SELECT "key", "versionId", "contentHash", "deleted", "json", "lastUpdated" ' +
        `FROM "FhirResource" WHERE "key" IN (${params.list(part)})`,
      ...params.values,
    );
    for (const row of rows) {
      current.set(row.key, {
        ...row,
        exists: true,
        inDb: true,
        dirty: false,
        tokens: [],
        index: null,
        sourceVersionId: null,
        sourceLastUpdated: null,
      });
    }
  }

  const history: {
    key: string;
    versionId: number;
    lastUpdated: Date;
    contentHash: string;
    json: string;
    deleted: boolean;
  }[] = [];
  const outcomes: WriteOutcome[] = [];
  for (const write of writes) {
    const key = `${write.resourceType}/${write.id}`;
    const state = current.get(key);
    if (write.resource === null) {
      if (!state || state.deleted) {
        outcomes.push({ result: 'gone', versionId: state?.versionId ?? 0, lastUpdated: now });
        continue;
      }
      history.push({ key, ...pick(state) });
      Object.assign(state, {
        versionId: state.versionId + 1,
        deleted: true,
        dirty: true,
        lastUpdated: now,
        tokens: [],
      });
      outcomes.push({ result: 'deleted', versionId: state.versionId, lastUpdated: now });
      continue;
    }
    const json = JSON.stringify(write.resource);
    const contentHash = contentHashOf(json);
    if (state && !state.deleted && state.contentHash === contentHash) {
      outcomes.push({
        result: 'unchanged',
        versionId: state.versionId,
        lastUpdated: state.lastUpdated,
      });
      continue;
    }
    const { tokens, ...index } = indexResource(write.resource);
    const meta = (write.resource.meta ?? {}) as FhirJson;
    const next: RowState = {
      exists: true,
      inDb: state?.inDb ?? false,
      versionId: (state?.versionId ?? 0) + 1,
      contentHash,
      deleted: false,
      json,
      lastUpdated: now,
      dirty: true,
      tokens,
      index,
      sourceVersionId: str(meta.versionId),
      sourceLastUpdated: str(meta.lastUpdated),
    };
    if (state?.exists) history.push({ key, ...pick(state) });
    current.set(key, next);
    outcomes.push({
      result: state?.exists && !state.deleted ? 'updated' : 'created',
      versionId: next.versionId,
      lastUpdated: now,
    });
  }

  const dirty = [...current.entries()].filter(([, s]) => s.dirty);
  const toCreate = dirty.filter(([, s]) => !s.inDb);
  const toUpdate = dirty.filter(([, s]) => s.inDb);
  const row = (key: string, s: RowState) => ({
    resourceType: key.slice(0, key.indexOf('/')),
    resourceId: key.slice(key.indexOf('/') + 1),
    versionId: s.versionId,
    lastUpdated: s.lastUpdated,
    sourceVersionId: s.sourceVersionId,
    sourceLastUpdated: s.sourceLastUpdated,
    contentHash: s.contentHash,
    patientId: s.index?.patientId ?? null,
    status: s.index?.status ?? null,
    dateStart: s.index?.dateStart ?? null,
    dateEnd: s.index?.dateEnd ?? null,
    json: s.json,
    deleted: s.deleted,
  });
  if (toUpdate.length > 0) {
    for (const part of chunks(
      toUpdate.map(([key]) => key),
      500,
    )) {
      await tx.fhirToken.deleteMany({ where: { resourceKey: { in: part } } });
    }
    for (const [key, s] of toUpdate) {
      await tx.fhirResource.update({ where: { key }, data: row(key, s) });
    }
  }
  await bulkInsert(
    tx,
    provider,
    RESOURCE_TABLE,
    toCreate.map(([key, s]) => {
      const r = row(key, s);
      return [
        key,
        r.resourceType,
        r.resourceId,
        r.versionId,
        r.lastUpdated,
        r.sourceVersionId,
        r.sourceLastUpdated,
        r.contentHash,
        r.patientId,
        r.status,
        r.dateStart,
        r.dateEnd,
        r.json,
        r.deleted,
      ];
    }),
  );
  await bulkInsert(
    tx,
    provider,
    TOKEN_TABLE,
    dirty.flatMap(([key, s]) => s.tokens.map((t) => [key, t.param, t.system, t.code])),
  );
  await bulkInsert(
    tx,
    provider,
    VERSION_TABLE,
    history.map((h) => [h.key, h.versionId, h.lastUpdated, h.contentHash, h.json, h.deleted]),
  );
  return outcomes;
}

function pick(state: RowState) {
  return {
    versionId: state.versionId,
    lastUpdated: state.lastUpdated,
    contentHash: state.contentHash,
    json: state.json,
    deleted: state.deleted,
  };
}
