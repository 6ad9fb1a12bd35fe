import type { IncomingMessage } from 'node:http';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';
import { clientAddress, rateLimited, rateLimitKey, RateLimiter } from './rate-limiter';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('RateLimiter', () => {
  it('allows a burst, refuses the next with Retry-After, and refills over time', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 3, trustProxyHops: 0 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').allowed).toBe(true); // buckets are per client
    now += 500;
    expect(limiter.take('a').allowed).toBe(false); // half a token
    now += 500;
    expect(limiter.take('a').allowed).toBe(true);
    now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').allowed)).toEqual([true, true, true, false]);
  });

  it('says how long until the next token', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 1, trustProxyHops: 0 }, () => now);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 9_500;
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('is off at 0 a minute', () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1, trustProxyHops: 0 });
    expect(limiter.enabled).toBe(false);
    for (let i = 0; i < 10; i++) expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.trackedClients).toBe(0);
  });

  it('builds a 429 with Retry-After and a GraphQL error body', () => {
    const error = rateLimited(2, 60);
    expect(error.status).toBe(429);
    expect(error.headers['retry-after']).toBe('2');
    expect(error.body.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'RATE_LIMITED',
      limit: 60,
      retryAfterSeconds: 2,
    });
  });
});

describe('rate limit keys', () => {
  const clinician: Requester = { ...ANONYMOUS, subject: 'user-1', organization: 'org' };

  it('keys authenticated clients by subject and anonymous ones by address', () => {
    expect(rateLimitKey(clinician, request('10.0.0.1'), 0)).toBe('sub:user-1');
    expect(rateLimitKey(ANONYMOUS, request('10.0.0.1'), 0)).toBe('ip:10.0.0.1');
  });

  it('believes X-Forwarded-For only as far as the trusted proxies', () => {
    const req = request('10.0.0.9', '6.6.6.6, 203.0.113.7, 10.0.0.5');
    expect(clientAddress(req, 0)).toBe('10.0.0.9'); // forged entries ignored
    expect(clientAddress(req, 1)).toBe('10.0.0.5');
    expect(clientAddress(req, 2)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.9'), 1)).toBe('10.0.0.9');
  });
});
