import { createPublicKey } from 'node:crypto';
import {
  loadOrCreateDevSecrets,
  loadOrCreateDevTokenKeyPair,
} from '../../subgraphs/shared/config/dev-secrets';
import type { EnvReader } from '../../subgraphs/shared/config/env-reader';
import {
  DEFAULT_CLOCK_TOLERANCE_SECONDS,
  type TokenVerification,
  type TrustedIssuer,
} from './authenticate';
import { DEV_TOKEN_ISSUER, TOKEN_AUDIENCE } from './dev-token';
import { ASYMMETRIC_ALGORITHMS, parsePublicKeys, type VerificationKey } from './public-keys';
import {
  combinedKeySource,
  developmentKeySource,
  jwksKeySource,
  staticKeySource,
  type KeySource,
} from './token-keys';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function readAlgorithms(env: EnvReader): string[] | undefined {
  const raw = env.optionalString('TOKEN_ALGORITHMS');
  if (!raw) return undefined;
  const listed = raw.split(/[\s,]+/).filter(Boolean);
  const known = ASYMMETRIC_ALGORITHMS as readonly string[];
  for (const alg of listed) {
    if (/^HS/i.test(alg))
      env.problem(
        `TOKEN_ALGORITHMS: ${alg} is only accepted in development, via TOKEN_HS256_SECRET`,
      );
    else if (!known.includes(alg))
      env.problem(`TOKEN_ALGORITHMS: ${alg} is not one of ${known.join(', ')}`);
  }
  const accepted = listed.filter((a) => known.includes(a));
  if (listed.length > 0 && accepted.length === 0) env.problem('TOKEN_ALGORITHMS allows nothing');
  return accepted;
}

function readJwksUrl(env: EnvReader, production: boolean): URL | undefined {
  const raw = env.optionalString('TOKEN_JWKS_URL');
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    env.problem('TOKEN_JWKS_URL must be a URL');
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    env.problem('TOKEN_JWKS_URL must be an http(s) URL');
    return undefined;
  }
  // Keys fetched in clear text could be swapped on the way: only loopback may skip TLS.
  if (production && url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    env.problem('TOKEN_JWKS_URL must use https in production');
  return url;
}

function readPublicKeys(env: EnvReader): VerificationKey[] {
  const raw = env.optionalString('TOKEN_PUBLIC_KEY');
  if (!raw) return [];
  try {
    return parsePublicKeys(raw);
  } catch (error) {
    env.problem(`TOKEN_PUBLIC_KEY: ${(error as Error).message}`);
    return [];
  }
}

/** The identity provider's issuer, verified with TOKEN_JWKS_URL and/or TOKEN_PUBLIC_KEY. */
function configuredIssuer(env: EnvReader, production: boolean): TrustedIssuer | undefined {
  const jwksUrl = readJwksUrl(env, production);
  const publicKeys = readPublicKeys(env);
  const allowList = readAlgorithms(env);
  const issuer = env.optionalString('TOKEN_ISSUER');
  // Presence, not validity: an invalid value was already reported as such.
  const hasKeys =
    env.optionalString('TOKEN_JWKS_URL') !== undefined ||
    env.optionalString('TOKEN_PUBLIC_KEY') !== undefined;
  if (!hasKeys) {
    if (production) env.problem('TOKEN_JWKS_URL or TOKEN_PUBLIC_KEY is required in production');
    else if (issuer)
      env.problem(
        'TOKEN_ISSUER is set but neither TOKEN_JWKS_URL nor TOKEN_PUBLIC_KEY gives its keys',
      );
    return undefined;
  }
  if (!issuer) env.problem('TOKEN_ISSUER is required with TOKEN_JWKS_URL or TOKEN_PUBLIC_KEY');
  if (issuer === DEV_TOKEN_ISSUER)
    env.problem(`TOKEN_ISSUER must not be the development issuer ${DEV_TOKEN_ISSUER}`);
  const audience = production
    ? env.string('TOKEN_AUDIENCE')
    : env.string('TOKEN_AUDIENCE', TOKEN_AUDIENCE);
  for (const key of publicKeys) {
    if (allowList && !allowList.includes(key.alg))
      env.problem(`TOKEN_PUBLIC_KEY holds a ${key.alg} key, which TOKEN_ALGORITHMS does not allow`);
  }
  const algorithms =
    allowList ??
    (jwksUrl ? [...ASYMMETRIC_ALGORITHMS] : [...new Set(publicKeys.map((k) => k.alg))]);
  const sources: KeySource[] = [];
  if (publicKeys.length > 0) sources.push(staticKeySource(publicKeys));
  if (jwksUrl) sources.push(jwksKeySource(jwksUrl));
  return { issuer: issuer ?? '', audience, algorithms, keys: combinedKeySource(sources) };
}

/**
 * The development issuer (`patientgraph-dev`): the stack's ES256 key pair from
 * its dev secrets, and HS256 with TOKEN_HS256_SECRET or the dev secret. It does
 * not exist in production, where HS256 is refused outright: a shared secret
 * lets every holder mint tokens for everyone.
 */
function developmentIssuer(env: EnvReader, raw: NodeJS.ProcessEnv): TrustedIssuer | undefined {
  const hs256Secret = env.optionalString('TOKEN_HS256_SECRET');
  if (hs256Secret !== undefined && hs256Secret.length < 32)
    env.problem('TOKEN_HS256_SECRET must be at least 32 characters (RFC 7518: 256 bits)');
  try {
    const secret = hs256Secret ?? loadOrCreateDevSecrets(raw).tokenSigningSecret;
    const pair = loadOrCreateDevTokenKeyPair(raw);
    return {
      issuer: DEV_TOKEN_ISSUER,
      audience: env.string('TOKEN_AUDIENCE', TOKEN_AUDIENCE),
      algorithms: ['ES256', 'HS256'],
      keys: developmentKeySource({
        es256PublicKey: createPublicKey(pair.publicKeyPem),
        hs256Secret: new TextEncoder().encode(secret),
      }),
    };
  } catch (error) {
    env.problem(`development token keys: ${(error as Error).message}`);
    return undefined;
  }
}

/**
 * The token section of the gateway's config: which issuers' bearer tokens are
 * accepted and how they are verified. Problems are reported through `env` (all at
 * once, at boot).
 */
export function readTokenVerification(
  env: EnvReader,
  raw: NodeJS.ProcessEnv,
  production: boolean,
): TokenVerification {
  if (production && env.optionalString('TOKEN_HS256_SECRET'))
    env.problem('TOKEN_HS256_SECRET (HS256 tokens) is refused in production');
  const issuers: TrustedIssuer[] = [];
  const configured = configuredIssuer(env, production);
  if (configured) issuers.push(configured);
  if (!production) {
    const development = developmentIssuer(env, raw);
    if (development) issuers.push(development);
  }
  return {
    issuers,
    clockToleranceSeconds: env.int(
      'TOKEN_CLOCK_TOLERANCE_SECONDS',
      DEFAULT_CLOCK_TOLERANCE_SECONDS,
      {
        min: 0,
        max: 60,
      },
    ),
  };
}
