import { getAddress, type TypedDataDomain } from 'ethers';
import {
  checkTerms,
  toExpiry,
  type GrantTerms,
  type RevokeTerms,
  type SignOptions,
} from './consent-registry.types';
import {
  signDelegateRequest,
  signGrantRequest,
  signRevokeRequest,
  type DelegateRequest,
  type GrantRequest,
  type RevokeRequest,
  type Signed,
  type TypedDataSigner,
} from './consent-typed-data';

/** A wallet that signs for a patient: the patient's own, or a delegate's. */
export type PatientSigner = TypedDataSigner & { getAddress(): Promise<string> };

/** What signing needs from the chain: the patient's next nonce, chain time, the domain. */
export interface SigningContext {
  nonceOf(patient: string): Promise<bigint>;
  chainTime(): Promise<number>;
  domain(): Promise<TypedDataDomain>;
}

/** Signatures stay valid for an hour of chain time unless a deadline is given. */
const DEFAULT_VALIDITY_SECONDS = 3600;

async function nonceAndDeadline(context: SigningContext, patient: string, options: SignOptions) {
  const nonce = options.nonce ?? (await context.nonceOf(patient));
  const deadline = BigInt(
    options.deadline ?? (await context.chainTime()) + DEFAULT_VALIDITY_SECONDS,
  );
  return { nonce, deadline };
}

export async function signGrant(
  context: SigningContext,
  signer: PatientSigner,
  terms: GrantTerms & { patient?: string },
  options: SignOptions = {},
): Promise<Signed<GrantRequest>> {
  checkTerms(terms.category, terms.purpose);
  const patient = getAddress(terms.patient ?? (await signer.getAddress()));
  const request: GrantRequest = {
    patient,
    grantee: getAddress(terms.grantee),
    category: terms.category,
    purpose: terms.purpose,
    expiry: toExpiry(terms.expiresAt),
    ...(await nonceAndDeadline(context, patient, options)),
  };
  return signGrantRequest(signer, await context.domain(), request);
}

export async function signRevocation(
  context: SigningContext,
  signer: PatientSigner,
  terms: RevokeTerms & { patient?: string },
  options: SignOptions = {},
): Promise<Signed<RevokeRequest>> {
  checkTerms(terms.category, terms.purpose);
  const patient = getAddress(terms.patient ?? (await signer.getAddress()));
  const request: RevokeRequest = {
    patient,
    grantee: getAddress(terms.grantee),
    category: terms.category,
    purpose: terms.purpose,
    ...(await nonceAndDeadline(context, patient, options)),
  };
  return signRevokeRequest(signer, await context.domain(), request);
}

export async function signDelegate(
  context: SigningContext,
  patientSigner: PatientSigner,
  delegate: string,
  allowed: boolean,
  options: SignOptions = {},
): Promise<Signed<DelegateRequest>> {
  const patient = getAddress(await patientSigner.getAddress());
  const request: DelegateRequest = {
    patient,
    delegate: getAddress(delegate),
    allowed,
    ...(await nonceAndDeadline(context, patient, options)),
  };
  return signDelegateRequest(patientSigner, await context.domain(), request);
}
