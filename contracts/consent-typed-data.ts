import type { TypedDataDomain, TypedDataField } from 'ethers';
import type { ConsentCategory, PurposeOfUse } from './consent-codes';

/**
 * EIP-712 messages a patient (or the patient's delegate) signs so that a relayer can submit
 * them: the patient needs no ether. Field names and order must match the type strings in
 * ConsentRegistry.sol exactly, or the recovered signer will be someone else.
 */

export const EIP712_NAME = 'PatientGraph ConsentRegistry';
export const EIP712_VERSION = '1';

export function consentDomain(
  chainId: number | bigint,
  verifyingContract: string,
): TypedDataDomain {
  return { name: EIP712_NAME, version: EIP712_VERSION, chainId, verifyingContract };
}

export const GRANT_TYPES: Record<string, TypedDataField[]> = {
  Grant: [
    { name: 'patient', type: 'address' },
    { name: 'grantee', type: 'address' },
    { name: 'category', type: 'uint8' },
    { name: 'purpose', type: 'uint8' },
    { name: 'expiry', type: 'uint64' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export const REVOKE_TYPES: Record<string, TypedDataField[]> = {
  Revoke: [
    { name: 'patient', type: 'address' },
    { name: 'grantee', type: 'address' },
    { name: 'category', type: 'uint8' },
    { name: 'purpose', type: 'uint8' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export const DELEGATE_TYPES: Record<string, TypedDataField[]> = {
  Delegate: [
    { name: 'patient', type: 'address' },
    { name: 'delegate', type: 'address' },
    { name: 'allowed', type: 'bool' },
    { name: 'nonce', type: 'uint256' },
    { name: 'deadline', type: 'uint256' },
  ],
};

export interface GrantRequest {
  patient: string;
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  /** Unix seconds; 0 = until revoked. */
  expiry: bigint;
  nonce: bigint;
  /** Unix seconds (chain time) after which the signature is refused. */
  deadline: bigint;
}

export interface RevokeRequest {
  patient: string;
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  nonce: bigint;
  deadline: bigint;
}

export interface DelegateRequest {
  patient: string;
  delegate: string;
  allowed: boolean;
  nonce: bigint;
  deadline: bigint;
}

/** A request plus its 65-byte signature, as a relayer receives and submits it. */
export interface Signed<T> {
  request: T;
  signature: string;
}

/** Anything that can sign typed data: an ethers Wallet/HDNodeWallet, a JSON-RPC signer. */
export interface TypedDataSigner {
  signTypedData(
    domain: TypedDataDomain,
    types: Record<string, TypedDataField[]>,
    value: Record<string, unknown>,
  ): Promise<string>;
}

export async function signGrantRequest(
  signer: TypedDataSigner,
  domain: TypedDataDomain,
  request: GrantRequest,
): Promise<Signed<GrantRequest>> {
  const signature = await signer.signTypedData(domain, GRANT_TYPES, { ...request });
  return { request, signature };
}

export async function signRevokeRequest(
  signer: TypedDataSigner,
  domain: TypedDataDomain,
  request: RevokeRequest,
): Promise<Signed<RevokeRequest>> {
  const signature = await signer.signTypedData(domain, REVOKE_TYPES, { ...request });
  return { request, signature };
}

export async function signDelegateRequest(
  signer: TypedDataSigner,
  domain: TypedDataDomain,
  request: DelegateRequest,
): Promise<Signed<DelegateRequest>> {
  const signature = await signer.signTypedData(domain, DELEGATE_TYPES, { ...request });
  return { request, signature };
}
