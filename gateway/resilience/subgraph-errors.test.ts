import { GraphQLError } from 'graphql';
import {
  classifyFetchError,
  classifyStatus,
  failureOf,
  subgraphError,
  type SubgraphFailure,
} from './subgraph-errors';

/** Builds errors shaped like node-fetch v2's FetchError and undici's fetch failures. */
function fetchError(type: string, code?: string): Error {
  return Object.assign(new Error(`request to http://10.0.0.7:4004/graphql failed`), {
    name: 'FetchError',
    type,
    ...(code ? { code, errno: code } : {}),
  });
}

describe('classifyFetchError', () => {
  it.each([
    ['ECONNREFUSED'],
    ['ECONNRESET'],
    ['EPIPE'],
    ['EHOSTUNREACH'],
    ['ENOTFOUND'],
    ['ERR_STREAM_PREMATURE_CLOSE'],
  ])('calls %s unreachable', (code) => {
    expect(classifyFetchError(fetchError('system', code))).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'UNREACHABLE',
      errno: code,
    });
  });

  it('reads the code nested in an undici cause', () => {
    const error = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(classifyFetchError(error).reason).toBe('UNREACHABLE');
  });

  it.each([
    ['node-fetch request timeout', fetchError('request-timeout')],
    ['node-fetch body timeout', fetchError('body-timeout')],
    ['socket timeout', fetchError('system', 'ETIMEDOUT')],
    ['AbortSignal.timeout', Object.assign(new Error('aborted'), { name: 'TimeoutError' })],
    ['undici headers timeout', fetchError('system', 'UND_ERR_HEADERS_TIMEOUT')],
  ])('calls a %s a timeout', (_, error) => {
    expect(classifyFetchError(error)).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'TIMEOUT',
    });
  });

  it('calls broken JSON and anything unknown INTERNAL', () => {
    expect(classifyFetchError(fetchError('invalid-json'))).toEqual({
      code: 'INTERNAL',
      reason: 'BAD_RESPONSE',
    });
    expect(classifyFetchError(new Error('Expected JSON response body'))).toMatchObject({
      code: 'INTERNAL',
      reason: 'UNEXPECTED',
    });
    expect(classifyFetchError('a string')).toMatchObject({ code: 'INTERNAL' });
    expect(classifyFetchError(undefined)).toMatchObject({ code: 'INTERNAL' });
  });

  it('keeps the failure of an error it already typed', () => {
    const failure: SubgraphFailure = {
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'HTTP_STATUS',
      status: 503,
    };
    expect(classifyFetchError(subgraphError('wearables', failure))).toEqual(failure);
  });
});

describe('classifyStatus', () => {
  it.each([500, 502, 503, 504, 408, 429])('calls HTTP %i unavailable', (status) => {
    expect(classifyStatus(status)).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      reason: 'HTTP_STATUS',
      status,
    });
  });

  it.each([400, 401, 403, 404, 413])(
    'calls HTTP %i INTERNAL: the subgraph refused the gateway, not the client',
    (status) => {
      expect(classifyStatus(status)).toMatchObject({ code: 'INTERNAL', status });
    },
  );
});

describe('subgraphError', () => {
  it('names the subgraph and says why, without URLs or the underlying message', () => {
    const error = subgraphError(
      'ehr-fhir',
      { code: 'UPSTREAM_UNAVAILABLE', reason: 'TIMEOUT' },
      250,
    );
    expect(error.message).toBe('Subgraph ehr-fhir did not answer within 250 ms');
    expect(error.extensions).toEqual({
      code: 'UPSTREAM_UNAVAILABLE',
      subgraph: 'ehr-fhir',
      serviceName: 'ehr-fhir',
      reason: 'TIMEOUT',
    });
    const json = JSON.stringify(error.toJSON());
    expect(json).not.toMatch(/http|127\.0\.0\.1|stack/i);
  });

  it('says unreachable and unavailable with the status', () => {
    expect(
      subgraphError('identity', { code: 'UPSTREAM_UNAVAILABLE', reason: 'UNREACHABLE' }).message,
    ).toBe('Subgraph identity could not be reached');
    expect(subgraphError('identity', classifyStatus(503)).message).toBe(
      'Subgraph identity is unavailable (HTTP 503)',
    );
  });

  it('answers INTERNAL failures as a plain internal error naming the subgraph', () => {
    const error = subgraphError('wearables', classifyStatus(401));
    expect(error.message).toBe('Internal error');
    expect(error.extensions).toEqual({
      code: 'INTERNAL',
      subgraph: 'wearables',
      serviceName: 'wearables',
      reason: 'HTTP_STATUS',
    });
  });
});

describe('failureOf', () => {
  it('knows only errors that carry a subgraph failure', () => {
    expect(failureOf(new Error('x'))).toBeUndefined();
    expect(failureOf(new GraphQLError('x', { extensions: { code: 'FORBIDDEN' } }))).toBeUndefined();
    expect(
      failureOf(new GraphQLError('x', { extensions: { code: 'INTERNAL', reason: 'TIMEOUT' } })),
    ).toEqual({ code: 'INTERNAL', reason: 'TIMEOUT' });
    expect(
      failureOf(new GraphQLError('x', { extensions: { code: 'INTERNAL', reason: 'MAX_DEPTH' } })),
    ).toBeUndefined();
  });
});
