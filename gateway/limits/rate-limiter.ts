import type { IncomingMessage } from 'node:http';
import { isAnonymous, type Requester } from '../../subgraphs/shared/requester';
import { LimitError } from './limit-error';

export interface RateLimitSettings {
  /** Sustained requests per minute per client; 0 turns rate limiting off. */
  perMinute: number;
  /** Requests a client may send at once after being idle (the bucket size). */
  burst: number;
  /**
   * Reverse proxies in front of the gateway that append to X-Forwarded-For. 0 (no
   * proxy) uses the socket address; the header is client-controlled, so it is only
   * believed as far as the proxies the operator declares.
   */
  trustProxyHops: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Clients tracked at once; past this the least recently seen bucket is forgotten. */
const MAX_BUCKETS = 100_000;

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per client: `burst` tokens, refilled at `perMinute / 60` a second,
 * one taken per request. Buckets live in this process's memory, which is right for
 * PatientGraph's single gateway process; gateways run as several processes or
 * machines must share buckets (e.g. Redis with an atomic script), or each process
 * allows the full rate.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly refillPerMs: number;

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.refillPerMs = settings.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.settings.perMinute > 0;
  }

  take(key: string): RateDecision {
    if (!this.enabled) return { allowed: true };
    const now = this.now();
    const burst = this.settings.burst;
    let bucket = this.buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updatedMs) * this.refillPerMs);
      bucket.updatedMs = now;
      // Re-insert: the Map's order is then least recently seen first, for eviction.
      this.buckets.delete(key);
    } else {
      bucket = { tokens: burst, updatedMs: now };
      if (this.buckets.size >= MAX_BUCKETS) this.evictIdle(now);
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = (1 - bucket.tokens) / this.refillPerMs;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** Drops buckets that have refilled completely (they hold no state), else the oldest. */
  private evictIdle(now: number): void {
    const fullAfterMs = this.settings.burst / this.refillPerMs;
    for (const [key, bucket] of this.buckets) {
      if (now - bucket.updatedMs < fullAfterMs) break; // the rest were seen more recently
      this.buckets.delete(key);
    }
    if (this.buckets.size >= MAX_BUCKETS) {
      this.buckets.delete(this.buckets.keys().next().value as string);
    }
  }

  get trackedClients(): number {
    return this.buckets.size;
  }
}

/** The address a request came from, believing X-Forwarded-For only for `trustProxyHops` proxies. */
export function clientAddress(req: IncomingMessage, trustProxyHops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (trustProxyHops <= 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  // Each trusted proxy appended the address it saw; the client is the one the
  // outermost trusted proxy saw. Anything further left may be forged.
  return forwarded[forwarded.length - trustProxyHops] ?? forwarded[0] ?? socketAddress;
}

/** Authenticated clients are limited per subject (wherever they call from), anonymous ones per address. */
export function rateLimitKey(
  requester: Requester,
  req: IncomingMessage,
  trustProxyHops: number,
): string {
  return isAnonymous(requester)
    ? `ip:${clientAddress(req, trustProxyHops)}`
    : `sub:${requester.subject}`;
}

/** 429 with Retry-After and a GraphQL error body. */
export function rateLimited(retryAfterSeconds: number, perMinute: number): LimitError {
  return new LimitError(
    429,
    {
      message: `Too many requests: the limit is ${perMinute} a minute; retry in ${retryAfterSeconds} s`,
      extensions: {
        code: 'BAD_USER_INPUT',
        reason: 'RATE_LIMITED',
        limit: perMinute,
        retryAfterSeconds,
      },
    },
    { 'retry-after': String(retryAfterSeconds) },
  );
}
