import type { IncomingHttpHeaders } from 'node:http';
import {
  decodeJwt,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  type JWTHeaderParameters,
} from 'jose';
import { HttpError } from '../../subgraphs/shared/http/http-errors';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';
import { ClaimsError, requesterFromClaims, type PatientGraphClaims } from './token-claims';
import { KeySourceUnavailableError, type KeySource } from './token-keys';

/** One issuer whose tokens the gateway accepts, and how to check them. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** Algorithms accepted from this issuer; never `none`, HS* only for the development issuer. */
  algorithms: readonly string[];
  keys: KeySource;
}

export interface TokenVerification {
  issuers: readonly TrustedIssuer[];
  /** Allowed clock difference with the issuer, for exp and nbf. */
  clockToleranceSeconds?: number;
}

export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 5;

/** `typ` values of OAuth 2 access tokens (RFC 9068) and plain JWTs; others are other tokens. */
const ACCESS_TOKEN_TYPES = new Set(['jwt', 'at+jwt', 'application/at+jwt', 'application/jwt']);

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

// Reasons go into a WWW-Authenticate quoted-string too: no double quotes in them.
function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'nbf') return 'token is not valid yet (nbf)';
    if (error.reason === 'missing') return `token has no ${error.claim} claim`;
    if (error.claim === 'iss') return 'token issuer is not trusted';
    if (error.claim === 'aud') return 'token audience is not this gateway';
    return `token claim ${error.claim} is not acceptable (${error.reason})`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm is not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'token signature is invalid';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid)
    return 'token is malformed';
  if (error instanceof ClaimsError) return error.message;
  return 'token could not be verified';
}

/** Header values come from an unverified token: echo only short, plain tokens. */
function quoted(value: string): string {
  return /^[A-Za-z0-9+/._-]{1,32}$/.test(value) ? value : '(unprintable)';
}

function headerOf(token: string): JWTHeaderParameters {
  let header: JWTHeaderParameters;
  try {
    header = decodeProtectedHeader(token) as JWTHeaderParameters;
  } catch {
    throw new AuthenticationError('token is malformed (header is not base64url JSON)');
  }
  if (token.split('.').length !== 3)
    throw new AuthenticationError('token is malformed (not a signed JWT)');
  if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none')
    throw new AuthenticationError('unsigned tokens (alg none) are refused');
  if (typeof header.typ === 'string' && !ACCESS_TOKEN_TYPES.has(header.typ.toLowerCase()))
    throw new AuthenticationError(`token type ${quoted(header.typ)} is not an access token`);
  return header;
}

function issuerOf(token: string, verification: TokenVerification): TrustedIssuer {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw new AuthenticationError('token is malformed (claims are not base64url JSON)');
  }
  if (typeof iss !== 'string' || !iss) throw new AuthenticationError('token has no iss claim');
  const trusted = verification.issuers.find((i) => i.issuer === iss);
  if (!trusted) throw new AuthenticationError('token issuer is not trusted');
  return trusted;
}

/**
 * Verifies one bearer token completely: a trusted issuer, an algorithm that issuer
 * may use, a signature by one of its keys, audience, expiry and not-before (with a
 * small clock tolerance), a subject; then reads PatientGraph's claims from it.
 */
export async function verifyToken(
  token: string,
  verification: TokenVerification,
): Promise<Requester> {
  const header = headerOf(token);
  // The issuer is read before the signature is checked only to pick the keys that
  // must have signed it; jwtVerify checks the issuer again on the verified claims.
  const trusted = issuerOf(token, verification);
  if (!trusted.algorithms.includes(header.alg))
    throw new AuthenticationError(`token algorithm ${quoted(header.alg)} is not allowed`);
  let keys;
  try {
    keys = await trusted.keys.keysFor(header);
  } catch (error) {
    if (error instanceof KeySourceUnavailableError)
      throw new HttpError(503, 'UPSTREAM_UNAVAILABLE', error.message);
    throw error;
  }
  if (keys.length === 0) throw new AuthenticationError('token was signed by an unknown key');
  let failure: unknown;
  for (const key of keys) {
    try {
      const { payload } = await jwtVerify<PatientGraphClaims>(token, key, {
        issuer: trusted.issuer,
        audience: trusted.audience,
        algorithms: [...trusted.algorithms],
        clockTolerance: verification.clockToleranceSeconds ?? DEFAULT_CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['exp', 'sub'],
      });
      return requesterFromClaims(payload);
    } catch (error) {
      failure = error;
      // Another key of the same issuer may have signed it; any other failure is final.
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw new AuthenticationError(reasonOf(failure));
}

/**
 * Who is calling: no Authorization header is the anonymous requester (who can
 * read nothing protected); a bearer token must verify completely or the request
 * is refused with 401 and the reason (503 when the issuer's keys cannot be fetched).
 */
export async function authenticate(
  headers: IncomingHttpHeaders,
  verification: TokenVerification,
): Promise<Requester> {
  const header = headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new AuthenticationError('Authorization header must be Bearer <token>');
  return verifyToken(match[1]!, verification);
}
