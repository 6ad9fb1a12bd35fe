import { getAddress, id } from 'ethers';
import { isCategory, isPurpose, type ConsentCategory, type PurposeOfUse } from './consent-codes';

/** Parameter and result types of the ConsentRegistry bindings (consent-registry.ts). */

export interface ConsentKey {
  patient: string;
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
}

export interface GrantTerms {
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  /** Unix seconds or a Date; null/undefined = until revoked. */
  expiresAt?: number | Date | null;
}

export type RevokeTerms = Omit<GrantTerms, 'expiresAt'>;

export interface SignOptions {
  /** Default: the chain's current nonce (pass nonce + i to pre-sign several requests). */
  nonce?: bigint;
  /** Unix seconds, chain time; default: latest block + 1 hour. */
  deadline?: number;
}

export interface TxResult {
  hash: string;
  blockNumber: number;
  gasUsed: bigint;
}

export interface GrantEntry {
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  /** Unix seconds; null = until revoked. */
  expiresAt: number | null;
  /** Not lapsed at the time of the read (chain time). */
  active: boolean;
}

export interface ConsentStatus {
  granted: boolean;
  /** When `granted`: unix seconds until which it holds; null = until revoked. */
  expiresAt: number | null;
}

export interface EmergencyAccessRecord {
  patient: string;
  categories: ConsentCategory[];
  /** A code, not prose: 1-31 chars of A-Z, 0-9, _ (e.g. PATIENT_UNRESPONSIVE). */
  reasonCode: string;
  /** Hash of the off-chain audit record of this access; default zero. */
  justificationHash?: string;
}

export interface AuditHead {
  headHash: string;
  entryCount: number;
  anchoredAt: number;
}

/** The audit log anchored when no log id is given. */
export const DEFAULT_AUDIT_LOG_ID = id('patientgraph.audit.v1');
export const REASON_CODE = /^[A-Z][A-Z0-9_]{0,30}$/;

export function toExpiry(value: number | Date | null | undefined): bigint {
  if (value === null || value === undefined) return 0n;
  const seconds = value instanceof Date ? Math.floor(value.getTime() / 1000) : value;
  if (!Number.isSafeInteger(seconds) || seconds <= 0) {
    throw new RangeError(`expiresAt must be a positive unix time in seconds, got ${String(value)}`);
  }
  return BigInt(seconds);
}

export function checkTerms(category: unknown, purpose: unknown): void {
  if (!isCategory(category)) throw new RangeError(`unknown consent category ${String(category)}`);
  if (!isPurpose(purpose)) throw new RangeError(`unknown purpose of use ${String(purpose)}`);
}

export const queryTuple = (q: ConsentKey) => [
  getAddress(q.patient),
  getAddress(q.grantee),
  q.category,
  q.purpose,
];
