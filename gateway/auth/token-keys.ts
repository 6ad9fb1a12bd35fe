import type { KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  errors as joseErrors,
  type JWTHeaderParameters,
  type KeyLike,
} from 'jose';
import type { VerificationKey } from './public-keys';

export type VerifyKey = KeyLike | Uint8Array;

/**
 * Where the keys of one issuer come from. `keysFor` returns every key that may
 * have signed a token with this header (usually one; several when a key set holds
 * more than one key for the algorithm and the token names no `kid`).
 */
export interface KeySource {
  readonly kind: 'jwks' | 'public-key' | 'development';
  keysFor(header: JWTHeaderParameters): Promise<VerifyKey[]>;
}

/** The key set could not be fetched: the token may be fine, so this is not a 401. */
export class KeySourceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeySourceUnavailableError';
  }
}

/** JWKS fetch limits: an identity provider that hangs must not hang every request. */
export const JWKS_TIMEOUT_MS = 5_000;
/** How long fetched keys are trusted before they are fetched again. */
export const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** Least time between two fetches prompted by an unknown `kid` (a rotation). */
export const JWKS_COOLDOWN_MS = 30_000;

/**
 * Keys published by the issuer at a JWKS URL (jose's remote key set: cached,
 * re-fetched when a token names a `kid` it does not know, with a fetch timeout).
 */
export function jwksKeySource(url: URL): KeySource {
  const jwks = createRemoteJWKSet(url, {
    timeoutDuration: JWKS_TIMEOUT_MS,
    cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
    cooldownDuration: JWKS_COOLDOWN_MS,
  });
  return {
    kind: 'jwks',
    async keysFor(header) {
      try {
        return [await jwks(header, { payload: '', signature: '' })];
      } catch (error) {
        if (error instanceof joseErrors.JWKSMultipleMatchingKeys) {
          const keys: VerifyKey[] = [];
          for await (const key of error as unknown as AsyncIterable<KeyLike>) keys.push(key);
          return keys;
        }
        if (error instanceof joseErrors.JWKSNoMatchingKey) return [];
        // Unsupported algorithms for a key set are the token's fault, not the set's.
        if (error instanceof joseErrors.JOSENotSupported) return [];
        const reason =
          error instanceof joseErrors.JWKSTimeout ? 'timed out' : 'could not be fetched or read';
        throw new KeySourceUnavailableError(`the token issuer's key set ${reason}`);
      }
    },
  };
}

/** Keys configured directly (TOKEN_PUBLIC_KEY), each pinned to its algorithm. */
export function staticKeySource(keys: readonly VerificationKey[]): KeySource {
  return {
    kind: 'public-key',
    async keysFor(header) {
      return keys
        .filter((k) => k.alg === header.alg)
        .filter((k) => !header.kid || !k.kid || k.kid === header.kid)
        .map((k) => k.key);
    },
  };
}

/**
 * The development issuer's keys: the stack's ES256 key pair (what `npx
 * patientgraph token` signs with) and the HS256 secret older tools and tests use.
 * Never built when NODE_ENV=production (see token-config.ts).
 */
export function developmentKeySource(options: {
  es256PublicKey?: KeyObject;
  hs256Secret?: Uint8Array;
}): KeySource {
  return {
    kind: 'development',
    async keysFor(header) {
      if (header.alg === 'ES256' && options.es256PublicKey) return [options.es256PublicKey];
      if (header.alg === 'HS256' && options.hs256Secret) return [options.hs256Secret];
      return [];
    },
  };
}

/** Tries sources in order; the first that has keys for the header answers. */
export function combinedKeySource(sources: readonly KeySource[]): KeySource {
  if (sources.length === 1) return sources[0]!;
  return {
    kind: sources[0]?.kind ?? 'public-key',
    async keysFor(header) {
      for (const source of sources) {
        const keys = await source.keysFor(header);
        if (keys.length > 0) return keys;
      }
      return [];
    },
  };
}
