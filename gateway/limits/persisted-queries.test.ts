import { PersistedQueries, sha256Hex, type RegisteredOperation } from './persisted-queries';

const QUERY = '{ me { id } }';
const HASH = sha256Hex(QUERY);
const LISTED: RegisteredOperation = {
  id: 'me-v1',
  hash: sha256Hex('query Me { me { id } }'),
  body: 'query Me { me { id } }',
  source: 'test',
};
const apq = (sha256Hash: unknown, version: unknown = 1) => ({
  persistedQuery: { version, sha256Hash },
});

describe('PersistedQueries (automatic)', () => {
  it('answers PERSISTED_QUERY_NOT_FOUND as Apollo does, then serves a registered hash', () => {
    const pq = new PersistedQueries('automatic');
    const first = pq.resolve({ extensions: apq(HASH) });
    expect(first.kind).toBe('refused');
    if (first.kind !== 'refused') return;
    expect(first.error.status).toBe(200);
    expect(first.error.body).toEqual({
      message: 'PersistedQueryNotFound',
      extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', reason: 'PERSISTED_QUERY_NOT_FOUND' },
    });

    const registration = pq.resolve({ query: QUERY, extensions: apq(HASH) });
    expect(registration).toEqual({ kind: 'resolved', query: QUERY, register: HASH });
    // Registration happens only once the caller has checked the limits.
    expect(pq.resolve({ extensions: apq(HASH) }).kind).toBe('refused');
    pq.register(HASH, QUERY);
    expect(pq.resolve({ extensions: apq(HASH) })).toEqual({ kind: 'resolved', query: QUERY });
  });

  it('verifies the hash of a registration', () => {
    const pq = new PersistedQueries('automatic');
    const result = pq.resolve({ query: '{ other }', extensions: apq(HASH) });
    expect(result.kind === 'refused' && result.error.body).toEqual({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_HASH_MISMATCH' },
    });
  });

  it('refuses unknown versions and malformed hashes', () => {
    const pq = new PersistedQueries('automatic');
    for (const extensions of [apq(HASH, 2), apq(undefined), apq(42)]) {
      const result = pq.resolve({ extensions });
      expect(result.kind === 'refused' && result.error.body.extensions.reason).toBe(
        'PERSISTED_QUERY_INVALID',
      );
    }
  });

  it('runs free text as sent, and serves safelisted operations by id, hash and documentId', () => {
    const pq = new PersistedQueries('automatic', [LISTED]);
    expect(pq.resolve({ query: QUERY })).toEqual({ kind: 'as-sent' });
    expect(pq.resolve({})).toEqual({ kind: 'as-sent' });
    for (const request of [
      { extensions: apq('me-v1') },
      { extensions: apq(LISTED.hash) },
      { documentId: `sha256:${LISTED.hash}` },
      { documentId: 'me-v1' },
    ]) {
      expect(pq.resolve(request)).toEqual({ kind: 'resolved', query: LISTED.body });
    }
  });
});

describe('PersistedQueries (safelist)', () => {
  const pq = new PersistedQueries('safelist', [LISTED]);

  it('accepts registered operations by id, hash or identical text', () => {
    expect(pq.resolve({ extensions: apq('me-v1') })).toEqual({
      kind: 'resolved',
      query: LISTED.body,
    });
    expect(pq.resolve({ query: LISTED.body })).toEqual({ kind: 'resolved', query: LISTED.body });
    expect(pq.resolve({ query: LISTED.body, extensions: apq(LISTED.hash) })).toEqual({
      kind: 'resolved',
      query: LISTED.body,
    });
  });

  it('refuses anything else with a clear error, and never learns new operations', () => {
    const text = pq.resolve({ query: QUERY });
    expect(text.kind === 'refused' && text.error.status).toBe(400);
    expect(text.kind === 'refused' && text.error.body.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'PERSISTED_QUERY_NOT_IN_LIST',
    });
    const registration = pq.resolve({ query: QUERY, extensions: apq(HASH) });
    expect(registration.kind === 'refused' && registration.error.body.extensions.reason).toBe(
      'PERSISTED_QUERY_NOT_IN_LIST',
    );
    pq.register(HASH, QUERY);
    const byHash = pq.resolve({ extensions: apq(HASH) });
    expect(byHash.kind === 'refused' && byHash.error.body.extensions.code).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
    expect(byHash.kind === 'refused' && byHash.error.body.message).toContain(
      'No registered operation',
    );
  });
});

describe('PersistedQueries (off)', () => {
  it('leaves every request to Apollo', () => {
    const pq = new PersistedQueries('off', [LISTED]);
    expect(pq.resolve({ extensions: apq('me-v1') })).toEqual({ kind: 'as-sent' });
  });
});
