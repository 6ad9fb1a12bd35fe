import { SignJWT } from 'jose';

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

/**
 * Mints an HS256 development token with the stack's local secret. Development
 * only: the gateway accepts HS256 only outside production (see gateway config).
 */
export async function mintDevToken(secret: string, options: DevTokenOptions): Promise<string> {
  const claims: Record<string, unknown> = {
    scope: (options.scopes ?? ['user/*.rs']).join(' '),
    purpose_of_use: options.purpose ?? 'TREAT',
  };
  if (options.organization) claims.org = options.organization;
  if (options.orgAddress) claims.org_address = options.orgAddress;
  if (options.patientAddress) claims.patient_address = options.patientAddress;
  if (options.breakGlassReason) claims.break_glass_reason = options.breakGlassReason;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEV_TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setSubject(options.subject)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 3600}s`)
    .sign(new TextEncoder().encode(secret));
}
