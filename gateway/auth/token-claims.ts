import { isAddress } from 'ethers';
import type { JWTPayload } from 'jose';
import { V3_ACT_REASON_SYSTEM } from '../../contracts/consent-codes';
import { ANONYMOUS, type Requester } from '../../subgraphs/shared/requester';

/**
 * PatientGraph's bearer-token claims, on top of the registered JWT claims (iss,
 * aud, exp, nbf, sub). Organisations are identified by a name and their address on
 * the consent chain; scopes follow SMART on FHIR (v2, v1 understood); purpose of
 * use is an HL7 v3 PurposeOfUse code.
 */
export interface PatientGraphClaims extends JWTPayload {
  org?: string;
  org_address?: string;
  /** SMART scopes, space separated (OAuth 2 `scope`); some servers send an array. */
  scope?: string | string[];
  /** Microsoft Entra and others put scopes in `scp` (string or array). */
  scp?: string | string[];
  /** A code (`TREAT`), `system|code`, a Coding, or a list of one of those. */
  purpose_of_use?: unknown;
  break_glass_reason?: string;
  /** For patient-facing apps: the patient's own consent-chain address. */
  patient_address?: string;
}

/** Purpose of a requester whose token states no (single, readable) purpose of use. */
export const NO_PURPOSE = 'NONE';

export class ClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimsError';
  }
}

function scopesOf(value: unknown, claim: string): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  if (Array.isArray(value) && value.every((s) => typeof s === 'string'))
    return value.flatMap((s: string) => s.split(/\s+/)).filter(Boolean);
  throw new ClaimsError(`${claim} must be a space-separated string or a list of strings`);
}

/** A purpose code from one of the shapes identity providers use for it. */
function purposeCodeOf(value: unknown): string | undefined {
  if (typeof value === 'string') {
    // `http://terminology.hl7.org/CodeSystem/v3-ActReason|TREAT` or a bare code.
    const bar = value.lastIndexOf('|');
    const system = bar >= 0 ? value.slice(0, bar) : undefined;
    if (system && system !== V3_ACT_REASON_SYSTEM && system !== 'urn:oid:2.16.840.1.113883.5.8')
      return undefined;
    const code = value.slice(bar + 1).trim();
    return code ? code.toUpperCase() : undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const coding = value as { system?: unknown; code?: unknown };
    if (typeof coding.code !== 'string') return undefined;
    return purposeCodeOf(
      typeof coding.system === 'string' ? `${coding.system}|${coding.code}` : coding.code,
    );
  }
  return undefined;
}

/**
 * The purpose of use a token states, or NO_PURPOSE when it states none, several
 * different ones, or one in another code system: consent is granted per purpose,
 * so an ambiguous purpose can be granted nothing (the gateway says so per field).
 */
export function purposeOf(value: unknown): string {
  const values = Array.isArray(value) ? value : [value];
  const codes = new Set(values.map(purposeCodeOf));
  if (codes.size !== 1) return NO_PURPOSE;
  return [...codes][0] ?? NO_PURPOSE;
}

function optionalString(claims: PatientGraphClaims, name: keyof PatientGraphClaims) {
  const value = claims[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ClaimsError(`${String(name)} must be a string`);
  return value.trim() || undefined;
}

/** The requester a verified token describes; refuses tokens that describe nobody usable. */
export function requesterFromClaims(claims: PatientGraphClaims): Requester {
  if (typeof claims.sub !== 'string' || !claims.sub.trim())
    throw new ClaimsError('token has no subject (sub)');
  // The anonymous requester is the absence of a token; a token cannot claim to be it.
  if (claims.sub === ANONYMOUS.subject) throw new ClaimsError('token subject is reserved');
  const orgAddress = optionalString(claims, 'org_address')?.toLowerCase() ?? null;
  if (orgAddress !== null && !isAddress(orgAddress))
    throw new ClaimsError('org_address is not an EVM address');
  const patientAddress = optionalString(claims, 'patient_address')?.toLowerCase() ?? null;
  if (patientAddress !== null && !isAddress(patientAddress)) {
    throw new ClaimsError('patient_address is not an EVM address');
  }
  const organization = optionalString(claims, 'org');
  const breakGlassReason = optionalString(claims, 'break_glass_reason');
  const scopes =
    claims.scope !== undefined ? scopesOf(claims.scope, 'scope') : scopesOf(claims.scp, 'scp');
  return {
    subject: claims.sub,
    organization: organization ?? (patientAddress ? 'patient' : claims.sub),
    orgAddress,
    purpose: purposeOf(claims.purpose_of_use),
    scopes: [...new Set(scopes)],
    ...(breakGlassReason ? { breakGlassReason } : {}),
    ...(patientAddress ? { patientAddress } : {}),
  };
}
