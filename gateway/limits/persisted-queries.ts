import { createHash } from 'node:crypto';
import { LimitError } from './limit-error';
import { LruCache } from '../../subgraphs/shared/lru-cache';

export const PERSISTED_QUERY_MODES = ['off', 'automatic', 'safelist'] as const;
export type PersistedQueryMode = (typeof PERSISTED_QUERY_MODES)[number];

/** One operation of the safelist (a version-controlled file), known by id and by hash. */
export interface RegisteredOperation {
  id: string;
  /** sha256 (hex) of `body`, exactly as a client must send it for hash lookups. */
  hash: string;
  body: string;
  name?: string;
  /** Where it was read from, for boot-time messages. */
  source: string;
}

/** What a request names: its query text, APQ extension and GraphQL-over-HTTP `documentId`. */
export interface PersistedQueryRequest {
  query?: unknown;
  extensions?: unknown;
  documentId?: unknown;
}

export type PersistedQueryResolution =
  /** Nothing persisted in play: run the request as sent. */
  | { kind: 'as-sent' }
  /** Run `query`; `register` is the hash to store once the query passes the limits. */
  | { kind: 'resolved'; query: string; register?: string }
  | { kind: 'refused'; error: LimitError };

/** APQ entries kept in memory; clients re-register on PERSISTED_QUERY_NOT_FOUND. */
const APQ_ENTRIES = 10_000;
const APQ_CHARS = 16 * 1024 * 1024;

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function refused(
  status: number,
  code: 'BAD_USER_INPUT' | 'PERSISTED_QUERY_NOT_FOUND',
  reason: LimitError['body']['extensions']['reason'],
  message: string,
): PersistedQueryResolution {
  const headers: Record<string, string> =
    code === 'PERSISTED_QUERY_NOT_FOUND'
      ? { 'cache-control': 'private, no-cache, must-revalidate' }
      : {};
  return {
    kind: 'refused',
    error: new LimitError(status, { message, extensions: { code, reason } }, headers),
  };
}

/**
 * Apollo Server's own answer (status 200, code PERSISTED_QUERY_NOT_FOUND and, for
 * APQ, this exact message), which APQ clients (Apollo Client's persisted-queries
 * link, Apollo iOS/Kotlin) recognise and act on by sending the text with its hash.
 */
function notFound(mode: PersistedQueryMode, key: string): PersistedQueryResolution {
  const message =
    mode === 'safelist'
      ? `No registered operation has the id or hash "${key.slice(0, 100)}"`
      : 'PersistedQueryNotFound';
  return refused(200, 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_FOUND', message);
}

function notInList(what: string): PersistedQueryResolution {
  return refused(
    400,
    'BAD_USER_INPUT',
    'PERSISTED_QUERY_NOT_IN_LIST',
    `${what} is not a registered operation; this gateway runs only operations from its safelist`,
  );
}

/**
 * Persisted queries, resolved at the HTTP layer before Apollo sees the request, so
 * that the policy rewrite (policy-plugin.ts) and the query limits always work on
 * query text. Modes:
 * - `automatic`: Apollo's APQ protocol (`extensions.persistedQuery.sha256Hash`;
 *   PERSISTED_QUERY_NOT_FOUND; registration by hash + query, the hash verified),
 *   plus the safelist's operations by id or hash when a safelist file is given.
 * - `safelist`: only operations of the safelist run, named by id or hash (APQ
 *   extension or `documentId`), or sent as text identical to a registered one.
 * - `off`: requests pass as sent (Apollo refuses the APQ extension itself).
 */
export class PersistedQueries {
  private readonly byKey = new Map<string, RegisteredOperation>();
  /** Hashes of registered texts: a text is accepted by its own hash, never by an id. */
  private readonly hashes = new Set<string>();
  private readonly automatic = new LruCache<string, string>(APQ_ENTRIES, APQ_CHARS);

  constructor(
    readonly mode: PersistedQueryMode,
    safelist: readonly RegisteredOperation[] = [],
  ) {
    for (const operation of safelist) {
      this.byKey.set(operation.id, operation);
      this.byKey.set(operation.hash, operation);
      this.byKey.set(`sha256:${operation.hash}`, operation);
      this.hashes.add(operation.hash);
    }
  }

  resolve(request: PersistedQueryRequest): PersistedQueryResolution {
    if (this.mode === 'off') return { kind: 'as-sent' };
    const query = typeof request.query === 'string' && request.query !== '' ? request.query : null;
    const extensions = request.extensions as { persistedQuery?: unknown } | null | undefined;
    const persisted = extensions?.persistedQuery as
      { version?: unknown; sha256Hash?: unknown } | undefined;
    const documentId = typeof request.documentId === 'string' ? request.documentId : null;

    if (persisted !== undefined && persisted !== null) {
      if (persisted.version !== 1) {
        return refused(
          400,
          'BAD_USER_INPUT',
          'PERSISTED_QUERY_INVALID',
          'Unsupported persisted query version',
        );
      }
      if (typeof persisted.sha256Hash !== 'string' || persisted.sha256Hash === '') {
        return refused(
          400,
          'BAD_USER_INPUT',
          'PERSISTED_QUERY_INVALID',
          'persistedQuery.sha256Hash must be a string',
        );
      }
      const hash = persisted.sha256Hash;
      if (query === null) return this.lookup(hash);
      if (sha256Hex(query) !== hash) {
        return refused(
          400,
          'BAD_USER_INPUT',
          'PERSISTED_QUERY_HASH_MISMATCH',
          'provided sha does not match query',
        );
      }
      if (this.mode === 'safelist') {
        return this.hashes.has(hash) ? { kind: 'resolved', query } : notInList('The operation');
      }
      return { kind: 'resolved', query, register: hash };
    }
    if (documentId !== null && query === null) return this.lookup(documentId);
    if (this.mode === 'safelist' && query !== null) {
      return this.hashes.has(sha256Hex(query))
        ? { kind: 'resolved', query }
        : notInList('The operation');
    }
    return { kind: 'as-sent' };
  }

  /** Stores an APQ registration (after the query passed the limits). */
  register(hash: string, query: string): void {
    if (this.mode === 'automatic' && !this.byKey.has(hash))
      this.automatic.set(hash, query, query.length);
  }

  private lookup(key: string): PersistedQueryResolution {
    const registered = this.byKey.get(key);
    if (registered) return { kind: 'resolved', query: registered.body };
    if (this.mode === 'automatic') {
      const stored = this.automatic.get(key);
      if (stored !== undefined) return { kind: 'resolved', query: stored };
    }
    return notFound(this.mode, key);
  }
}
