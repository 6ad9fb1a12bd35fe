import { isAddress } from 'ethers';
import type { JWTPayload } from 'jose';
import type { Requester } from '../../subgraphs/shared/requester';

/**
 * PatientGraph's bearer-token claims, on top of the registered JWT claims (iss,
 * aud, exp, nbf, sub). Organisations are identified by a name and their address on
 * the consent chain; scopes follow SMART on FHIR v2; purpose of use is an HL7 v3
 * PurposeOfUse code.
 */
export interface PatientGraphClaims extends JWTPayload {
  org?: string;
  org_address?: string;
  /** SMART scopes, space separated (OAuth 2 `scope`). */
  scope?: string;
  purpose_of_use?: string;
  break_glass_reason?: string;
  /** For patient-facing apps: the patient's own consent-chain address. */
  patient_address?: string;
}

export class ClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimsError';
  }
}

/** The requester a verified token describes; refuses tokens that describe nobody usable. */
export function requesterFromClaims(claims: PatientGraphClaims): Requester {
  if (typeof claims.sub !== 'string' || !claims.sub)
    throw new ClaimsError('token has no subject (sub)');
  const orgAddress = claims.org_address?.toLowerCase() ?? null;
  if (orgAddress !== null && !isAddress(orgAddress))
    throw new ClaimsError('org_address is not an EVM address');
  const patientAddress = claims.patient_address?.toLowerCase() ?? null;
  if (patientAddress !== null && !isAddress(patientAddress)) {
    throw new ClaimsError('patient_address is not an EVM address');
  }
  return {
    subject: claims.sub,
    organization: claims.org ?? (patientAddress ? 'patient' : claims.sub),
    orgAddress,
    purpose: claims.purpose_of_use ?? 'TREAT',
    scopes: (claims.scope ?? '').split(/\s+/).filter(Boolean),
    ...(claims.break_glass_reason ? { breakGlassReason: claims.break_glass_reason } : {}),
    ...(patientAddress ? { patientAddress } : {}),
  };
}
