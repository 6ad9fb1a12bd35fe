import {
  accessLogEntry,
  errorCodesOf,
  refusalCodesOf,
  routeOf,
  type RequestRecord,
} from './access-log';

function record(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    requestId: 'r-1',
    method: 'POST',
    route: '/graphql',
    startedAt: 0,
    resolved: true,
    operationName: 'PatientSummary',
    operationType: 'query',
    subgraphCalls: [],
    ...overrides,
  };
}

describe('access log', () => {
  it('writes ids, timings, status, codes and subgraph calls only', () => {
    const entry = accessLogEntry(
      record({
        result: {
          errors: [
            { extensions: { code: 'CONSENT_REQUIRED', patientId: 'p-123' } },
            { extensions: { code: 'CONSENT_REQUIRED' } },
            { extensions: { code: 'UPSTREAM_UNAVAILABLE', subgraph: 'wearables' } },
          ],
        },
        subgraphCalls: [
          { subgraph: 'identity', durationMs: 3.14159 },
          {
            subgraph: 'wearables',
            durationMs: 1000.04,
            failure: { code: 'UPSTREAM_UNAVAILABLE', reason: 'TIMEOUT' },
          },
        ],
      }),
      200,
      12.345,
    );
    expect(entry).toEqual({
      requestId: 'r-1',
      method: 'POST',
      route: '/graphql',
      status: 200,
      durationMs: 12.3,
      operation: 'PatientSummary',
      operationType: 'query',
      errorCodes: { CONSENT_REQUIRED: 2, UPSTREAM_UNAVAILABLE: 1 },
      subgraphs: [
        { subgraph: 'identity', durationMs: 3.1 },
        { subgraph: 'wearables', durationMs: 1000, failed: 'TIMEOUT' },
      ],
    });
    expect(JSON.stringify(entry)).not.toContain('p-123');
  });

  it('says anonymous, and leaves out the operation of a request that never resolved one', () => {
    expect(accessLogEntry(record({ operationName: null }), 200, 1)).toMatchObject({
      operation: '(anonymous)',
    });
    const unresolved = accessLogEntry(record({ resolved: false }), 400, 1);
    expect(unresolved).not.toHaveProperty('operation');
    expect(unresolved).not.toHaveProperty('errorCodes');
  });

  it('counts refusal codes when Apollo never answered', () => {
    const codes = errorCodesOf(record({ refusalCodes: ['UNAUTHENTICATED'] }));
    expect(Object.fromEntries(codes)).toEqual({ UNAUTHENTICATED: 1 });
    expect(Object.fromEntries(errorCodesOf(record({ result: { errors: [{}] } })))).toEqual({
      UNKNOWN: 1,
    });
  });

  it('reads codes, and only codes, from refusal bodies', () => {
    expect(
      refusalCodesOf(
        JSON.stringify({
          errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT', reason: 'MAX_DEPTH' } }],
        }),
      ),
    ).toEqual(['BAD_USER_INPUT']);
    expect(
      refusalCodesOf(Buffer.from(JSON.stringify({ error: { code: 'NOT_FOUND', message: 'm' } }))),
    ).toEqual(['NOT_FOUND']);
    expect(refusalCodesOf('not json')).toEqual([]);
    expect(refusalCodesOf(undefined)).toEqual([]);
    expect(refusalCodesOf(`{"errors":[${'{},'.repeat(10_000)}{}]}`)).toEqual([]);
  });

  it('never logs a raw path', () => {
    expect(routeOf('/graphql')).toBe('/graphql');
    expect(routeOf('/patients/Jane-Doe-1970-01-01')).toBe('(other)');
  });
});
