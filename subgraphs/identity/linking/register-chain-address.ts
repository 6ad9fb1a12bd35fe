import { getAddress, isAddress, verifyMessage } from 'ethers';
import type { IdentityStore } from '../store';
import { CHAIN_ADDRESS_LINK_TTL_MS, chainAddressLinkMessage } from './chain-address-message';

export interface ChainAddressRequest {
  identifier: { system: string; value: string };
  address: string;
  issuedAt: string;
  signature: string;
}

export class ChainAddressError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ChainAddressError';
  }
}

/**
 * Links a patient's consent-chain address to their global patient, after checking
 * that the address's key signed the request (so nobody can point a patient's
 * consents at an address they do not control) and that the request is fresh.
 */
export async function registerChainAddress(
  store: IdentityStore,
  request: ChainAddressRequest,
  now: number = Date.now(),
): Promise<{ patientId: string }> {
  if (!isAddress(request.address)) {
    throw new ChainAddressError(400, 'BAD_REQUEST', 'address is not an EVM address');
  }
  const issued = Date.parse(request.issuedAt);
  if (!Number.isFinite(issued) || Math.abs(now - issued) > CHAIN_ADDRESS_LINK_TTL_MS) {
    throw new ChainAddressError(
      400,
      'BAD_REQUEST',
      'issuedAt is missing or outside the 10 minute window',
    );
  }
  let signer: string;
  try {
    signer = verifyMessage(
      chainAddressLinkMessage({
        ...request.identifier,
        address: request.address,
        issuedAt: request.issuedAt,
      }),
      request.signature,
    );
  } catch {
    throw new ChainAddressError(400, 'BAD_REQUEST', 'signature is malformed');
  }
  if (getAddress(signer) !== getAddress(request.address)) {
    throw new ChainAddressError(
      403,
      'FORBIDDEN',
      'signature was not made by the address being linked',
    );
  }
  const link = await store.patientIdentifier.findUnique({
    where: { system_value: { system: request.identifier.system, value: request.identifier.value } },
  });
  if (!link) throw new ChainAddressError(404, 'NOT_FOUND', 'no patient has this identifier');
  const address = request.address.toLowerCase();
  const holder = await store.patient.findUnique({ where: { chainAddress: address } });
  if (holder && holder.id !== link.patientId) {
    throw new ChainAddressError(409, 'CONFLICT', 'address is already linked to another patient');
  }
  await store.patient.update({ where: { id: link.patientId }, data: { chainAddress: address } });
  return { patientId: link.patientId };
}
