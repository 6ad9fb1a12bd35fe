import { getAddress, isAddress, isHexString, type TypedDataDomain } from 'ethers';
import {
  categoryInfo,
  isCategory,
  isPurpose,
  parseCategory,
  parsePurpose,
  purposeInfo,
  type ConsentCategory,
  type PurposeOfUse,
} from '../../../contracts/consent-codes';
import { ConsentRegistry } from '../../../contracts/consent-registry';
import { ConsentRegistryError } from '../../../contracts/registry-errors';
import {
  GRANT_TYPES,
  REVOKE_TYPES,
  type GrantRequest,
  type RevokeRequest,
} from '../../../contracts/consent-typed-data';
import { BadUserInputError, UpstreamUnavailableError } from '../../shared/errors';
import type { ConsentGrant, ConsentSubmission, SignedConsentInput } from './consent.types';

function uint(value: string | null | undefined, name: string): bigint {
  if (value === null || value === undefined || !/^\d+$/.test(value)) {
    throw new BadUserInputError(`${name} must be a non-negative integer`, { argument: name });
  }
  return BigInt(value);
}

function address(value: string, name: string): string {
  if (!isAddress(value))
    throw new BadUserInputError(`${name} is not an EVM address`, { argument: name });
  return getAddress(value);
}

/** The registry's numbers, as a signed message carries them. */
function signedTerms(input: { category: number; purpose: number }): {
  category: ConsentCategory;
  purpose: PurposeOfUse;
} {
  if (!isCategory(input.category)) {
    throw new BadUserInputError('Unknown consent category number', { argument: 'category' });
  }
  if (!isPurpose(input.purpose)) {
    throw new BadUserInputError('Unknown purpose of use number', { argument: 'purpose' });
  }
  return { category: input.category, purpose: input.purpose };
}

export function parseTerms(input: { category: string; purpose: string }) {
  const category = parseCategory(input.category);
  if (category === undefined)
    throw new BadUserInputError(`Unknown consent category "${input.category}"`, {
      argument: 'category',
    });
  const purpose = parsePurpose(input.purpose);
  if (purpose === undefined)
    throw new BadUserInputError(`Unknown purpose of use "${input.purpose}"`, {
      argument: 'purpose',
    });
  return { category, purpose };
}

/**
 * Submits patient-signed consent changes to the registry as the relayer (who pays
 * the gas; the patient needs no ether) and reads grants back. The signature is
 * the authority: the contract refuses anything the patient (or a delegate) did not
 * sign, with a named error passed back to the client.
 */
export class ConsentRelayer {
  constructor(
    private readonly reader: ConsentRegistry,
    private readonly relayer: ConsentRegistry | undefined,
  ) {}

  async submitGrant(input: SignedConsentInput): Promise<ConsentSubmission> {
    const request: GrantRequest = {
      patient: address(input.patient, 'patient'),
      grantee: address(input.grantee, 'grantee'),
      ...signedTerms(input),
      expiry: uint(input.expiry ?? '0', 'expiry'),
      nonce: uint(input.nonce, 'nonce'),
      deadline: uint(input.deadline, 'deadline'),
    };
    return this.submit(() =>
      this.requireRelayer().submitSignedGrant({ request, signature: this.signature(input) }),
    );
  }

  async submitRevocation(input: SignedConsentInput): Promise<ConsentSubmission> {
    const request: RevokeRequest = {
      patient: address(input.patient, 'patient'),
      grantee: address(input.grantee, 'grantee'),
      ...signedTerms(input),
      nonce: uint(input.nonce, 'nonce'),
      deadline: uint(input.deadline, 'deadline'),
    };
    return this.submit(() =>
      this.requireRelayer().submitSignedRevocation({ request, signature: this.signature(input) }),
    );
  }

  async listGrants(patientAddress: string): Promise<ConsentGrant[]> {
    const grants = await this.read(() => this.reader.listGrants(patientAddress));
    return grants.map((g) => ({
      grantee: g.grantee.toLowerCase(),
      category: categoryInfo(g.category).code,
      purpose: purposeInfo(g.purpose).code,
      expiresAt: g.expiresAt === null ? null : new Date(g.expiresAt * 1000).toISOString(),
      active: g.active,
    }));
  }

  async isDelegate(patientAddress: string, candidate: string): Promise<boolean> {
    return this.read(() => this.reader.isDelegate(patientAddress, candidate));
  }

  /** The EIP-712 typed data a wallet signs for a grant or revocation (nonce and deadline filled in). */
  async signingRequest(input: {
    action: 'GRANT' | 'REVOKE';
    patient: string;
    grantee: string;
    category: string;
    purpose: string;
    expiresAt?: string | null;
  }): Promise<string> {
    const { category, purpose } = parseTerms(input);
    const grantee = address(input.grantee, 'grantee');
    let expiry = 0n;
    if (input.expiresAt) {
      const ms = Date.parse(input.expiresAt);
      if (!Number.isFinite(ms))
        throw new BadUserInputError('expiresAt must be an ISO date-time', {
          argument: 'expiresAt',
        });
      expiry = BigInt(Math.floor(ms / 1000));
    }
    const [nonce, now, domain] = await this.read(() =>
      Promise.all([
        this.reader.nonceOf(input.patient),
        this.reader.chainTime(),
        this.reader.domain() as Promise<TypedDataDomain>,
      ]),
    );
    const base = { patient: getAddress(input.patient), grantee, category, purpose };
    const message =
      input.action === 'GRANT'
        ? {
            ...base,
            expiry: expiry.toString(),
            nonce: nonce.toString(),
            deadline: String(now + 3600),
          }
        : { ...base, nonce: nonce.toString(), deadline: String(now + 3600) };
    const types = input.action === 'GRANT' ? GRANT_TYPES : REVOKE_TYPES;
    const primaryType = input.action === 'GRANT' ? 'Grant' : 'Revoke';
    return JSON.stringify({
      domain: { ...domain, chainId: Number(domain.chainId) },
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        ...types,
      },
      primaryType,
      message,
    });
  }

  private signature(input: SignedConsentInput): string {
    if (!isHexString(input.signature, 65)) {
      throw new BadUserInputError('signature must be 65 bytes of 0x-prefixed hex', {
        argument: 'signature',
      });
    }
    return input.signature;
  }

  private requireRelayer(): ConsentRegistry {
    if (!this.relayer)
      throw new UpstreamUnavailableError('No relayer is configured to submit consent changes');
    return this.relayer;
  }

  private async submit(
    send: () => Promise<{ hash: string; blockNumber: number }>,
  ): Promise<ConsentSubmission> {
    try {
      const tx = await send();
      return { transactionHash: tx.hash, blockNumber: tx.blockNumber };
    } catch (error) {
      if (error instanceof ConsentRegistryError) {
        throw new BadUserInputError(`The consent registry refused the change: ${error.errorName}`, {
          registryError: error.errorName,
        });
      }
      if (error instanceof BadUserInputError || error instanceof UpstreamUnavailableError)
        throw error;
      throw new UpstreamUnavailableError('The consent registry could not be reached');
    }
  }

  private async read<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch {
      throw new UpstreamUnavailableError('The consent registry could not be reached');
    }
  }
}
