import type { IncomingHttpHeaders } from 'node:http';
import { errors as joseErrors, jwtVerify, type JWTVerifyGetKey, type KeyLike } from 'jose';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';
import { ClaimsError, requesterFromClaims, type PatientGraphClaims } from './token-claims';

export interface TokenVerification {
  issuer: string;
  audience: string;
  /** Verification keys: a JWKS resolver, a public key, or the development HMAC secret. */
  key: JWTVerifyGetKey | KeyLike | Uint8Array;
  /** Algorithms accepted; never includes `none`. */
  algorithms: string[];
  clockToleranceSeconds?: number;
}

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'token expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    return `token claim "${error.claim}" is not acceptable (${error.reason})`;
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'token algorithm is not allowed';
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return 'token signature is invalid';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'token was signed by an unknown key';
  if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid)
    return 'token is malformed';
  if (error instanceof ClaimsError) return error.message;
  return 'token could not be verified';
}

/**
 * Who is calling: no Authorization header is the anonymous requester (who can
 * read nothing protected); a bearer token must verify completely (signature,
 * algorithm, issuer, audience, expiry, not-before) or the request is refused
 * with 401 and the reason.
 */
export async function authenticate(
  headers: IncomingHttpHeaders,
  verification: TokenVerification,
): Promise<Requester> {
  const header = headers.authorization;
  if (!header) return ANONYMOUS;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new AuthenticationError('Authorization header must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify<PatientGraphClaims>(
      match[1]!,
      verification.key as JWTVerifyGetKey,
      {
        issuer: verification.issuer,
        audience: verification.audience,
        algorithms: verification.algorithms,
        clockTolerance: verification.clockToleranceSeconds ?? 5,
        requiredClaims: ['exp', 'sub'],
      },
    );
    return requesterFromClaims(payload);
  } catch (error) {
    throw new AuthenticationError(reasonOf(error));
  }
}
