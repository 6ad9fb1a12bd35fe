/**
 * Who is asking, as the gateway verified it and forwarded it. Subgraphs never see
 * a caller's own token; they see this, inside an assertion signed by the gateway
 * (see identity-assertion.ts).
 */
export interface Requester {
  /** The authenticated subject (a user or client id); opaque, never a name. */
  subject: string;
  /** The organisation the subject acts for. */
  organization: string;
  /** The organisation's address on the consent chain (the grantee of consents). */
  orgAddress: string | null;
  /** HL7 purpose of use (TREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, ETREAT). */
  purpose: string;
  /** SMART on FHIR v2 scopes granted to the token. */
  scopes: string[];
  /** Stated reason when purpose is ETREAT (break-glass). */
  breakGlassReason?: string;
  /** Set when the subject is a patient acting for themself (their consent-chain address). */
  patientAddress?: string | null;
}

export const ANONYMOUS: Requester = Object.freeze({
  subject: 'anonymous',
  organization: 'anonymous',
  orgAddress: null,
  purpose: 'NONE',
  scopes: [],
}) as Requester;

export function isAnonymous(requester: Requester): boolean {
  return requester.subject === 'anonymous';
}
