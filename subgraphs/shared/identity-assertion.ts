import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { Requester } from './requester';

/**
 * The gateway-to-subgraph identity assertion: a compact JWS (EdDSA / Ed25519)
 * that the gateway signs per request and every subgraph verifies before it runs
 * anything. Asymmetric on purpose: subgraphs hold only the public key, so a
 * compromised subgraph (or a partner's) cannot mint assertions for the others.
 * Lifetimes are seconds: the assertion covers one hop, not a session.
 */
export const ASSERTION_HEADER = 'x-patientgraph-assertion';
export const ASSERTION_AUDIENCE = 'patientgraph-subgraph';
const ISSUER = 'patientgraph-gateway';
const HEADER_B64 = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));

export interface AssertionClaims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  /** Request id, so logs of gateway and subgraphs join. */
  rid: string;
  req: Requester;
  /**
   * `gateway`: the gateway commits this request's audit entries itself, durably,
   * before any of the answer reaches the requester, so the subgraph hands its
   * consent decisions back with its answer (response extension) instead of
   * committing them to its own log. Absent: the subgraph commits them.
   */
  audit?: AuditCustody;
}

/** Who commits a request's audit entries when the subgraph does not (see AssertionClaims.audit). */
export type AuditCustody = 'gateway';

export class AssertionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssertionError';
  }
}

function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString('base64url');
}

export function generateAssertionKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function loadPrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new AssertionError('Signing key must be Ed25519');
  return key;
}

export function loadPublicKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new AssertionError('Verify key must be Ed25519');
  return key;
}

export function signAssertion(
  requester: Requester,
  requestId: string,
  privateKey: KeyObject,
  options: { ttlSeconds?: number; now?: number; audit?: AuditCustody } = {},
): string {
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  const claims: AssertionClaims = {
    iss: ISSUER,
    aud: ASSERTION_AUDIENCE,
    iat,
    exp: iat + (options.ttlSeconds ?? 60),
    jti: randomUUID(),
    rid: requestId,
    req: requester,
    ...(options.audit ? { audit: options.audit } : {}),
  };
  const signingInput = `${HEADER_B64}.${base64url(JSON.stringify(claims))}`;
  const signature = sign(null, Buffer.from(signingInput), privateKey);
  return `${signingInput}.${base64url(signature)}`;
}

/** Allowed clock difference between gateway and subgraph hosts. */
const CLOCK_SKEW_SECONDS = 5;

export function verifyAssertion(
  token: string | undefined,
  publicKey: KeyObject,
  now: number = Date.now(),
): AssertionClaims {
  if (!token) throw new AssertionError('Missing gateway assertion');
  const parts = token.split('.');
  if (parts.length !== 3) throw new AssertionError('Malformed gateway assertion');
  const [header, payload, signature] = parts as [string, string, string];
  // Pin the header byte for byte: no algorithm negotiation, no `alg: none`.
  if (header !== HEADER_B64) throw new AssertionError('Unexpected assertion header');
  const valid = verify(
    null,
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new AssertionError('Invalid assertion signature');
  let claims: AssertionClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as AssertionClaims;
  } catch {
    throw new AssertionError('Malformed assertion claims');
  }
  const seconds = Math.floor(now / 1000);
  if (claims.iss !== ISSUER || claims.aud !== ASSERTION_AUDIENCE) {
    throw new AssertionError('Assertion issuer or audience mismatch');
  }
  if (typeof claims.exp !== 'number' || claims.exp + CLOCK_SKEW_SECONDS < seconds) {
    throw new AssertionError('Assertion expired');
  }
  if (typeof claims.iat !== 'number' || claims.iat - CLOCK_SKEW_SECONDS > seconds) {
    throw new AssertionError('Assertion issued in the future');
  }
  if (!claims.req || typeof claims.req.subject !== 'string') {
    throw new AssertionError('Assertion has no requester');
  }
  // An audit custody this subgraph does not know could leave decisions unaudited.
  if (claims.audit !== undefined && claims.audit !== 'gateway') {
    throw new AssertionError('Unknown audit custody in assertion');
  }
  return claims;
}
