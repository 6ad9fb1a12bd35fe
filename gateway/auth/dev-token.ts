import { createPrivateKey, createPublicKey } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, SignJWT } from 'jose';

export const DEV_TOKEN_ISSUER = 'patientgraph-dev';
export const TOKEN_AUDIENCE = 'patientgraph';

export interface DevTokenOptions {
  subject: string;
  organization?: string;
  orgAddress?: string;
  patientAddress?: string;
  purpose?: string;
  scopes?: string[];
  breakGlassReason?: string;
  ttlSeconds?: number;
}

/** The development issuer's ES256 private key (PEM, from the stack's dev secrets). */
export interface DevSigningKey {
  privateKeyPem: string;
}

/** The `kid` of a development key: its RFC 7638 thumbprint, so tools can tell keys apart. */
export async function devKeyId(privateKeyPem: string): Promise<string> {
  const jwk = await exportJWK(createPublicKey(createPrivateKey(privateKeyPem)));
  return calculateJwkThumbprint(jwk);
}

/**
 * Mints a development token for the stack's own issuer (`patientgraph-dev`):
 * ES256 with the stack's dev key pair when given a DevSigningKey (what
 * `npx patientgraph token` does), HS256 when given the dev secret (kept for older
 * tools and tests). The gateway accepts both only outside production.
 */
export async function mintDevToken(
  key: string | DevSigningKey,
  options: DevTokenOptions,
): Promise<string> {
  const claims: Record<string, unknown> = {
    scope: (options.scopes ?? ['user/*.rs']).join(' '),
    purpose_of_use: options.purpose ?? 'TREAT',
  };
  if (options.organization) claims.org = options.organization;
  if (options.orgAddress) claims.org_address = options.orgAddress;
  if (options.patientAddress) claims.patient_address = options.patientAddress;
  if (options.breakGlassReason) claims.break_glass_reason = options.breakGlassReason;
  const jwt = new SignJWT(claims)
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 3600}s`);
  if (typeof key === 'string') {
    return jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(key));
  }
  return jwt
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: await devKeyId(key.privateKeyPem) })
    .sign(createPrivateKey(key.privateKeyPem));
}
