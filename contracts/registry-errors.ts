import type { Interface } from 'ethers';

/** What each custom error of ConsentRegistry.sol means, for people reading logs. */
const EXPLANATIONS: Record<string, string> = {
  InvalidCategory: 'unknown data category',
  InvalidPurpose: 'unknown purpose of use',
  InvalidCategoryMask: 'category mask is empty or names unknown categories',
  InvalidGrantee: 'grantee must be a non-zero address',
  InvalidDelegate: 'delegate must be a non-zero address other than the patient',
  InvalidExpiry: 'expiry must be in the future (or 0 for "until revoked")',
  InvalidReasonCode: 'an emergency access needs a reason code',
  ConsentNotFound: 'there is no such consent to revoke',
  NotPatientOrDelegate: 'only the patient or a delegate of the patient may do this',
  SignatureExpired: 'the signed request is past its deadline',
  InvalidNonce: 'the signed request was already used (replay) or is out of order',
  InvalidSignature: 'the signature is malformed',
  UnauthorizedSigner: 'the signer is neither the patient nor a delegate of the patient',
  NotOwner: 'only the registry owner may do this',
  NotPendingOwner: 'only the pending owner may accept ownership',
  NotAnchorer: 'the caller is not an authorised audit anchorer',
  StaleAuditHead: 'the audit head must cover more entries than the last anchored one',
  TooManyGrants: 'the patient has too many grants',
};

/** A revert of ConsentRegistry, decoded: `errorName` is the Solidity custom error's name. */
export class ConsentRegistryError extends Error {
  constructor(
    readonly errorName: string,
    readonly args: readonly unknown[],
    options?: { cause?: unknown },
  ) {
    const shown = args.map((a) => (typeof a === 'bigint' ? a.toString() : String(a))).join(', ');
    const why = EXPLANATIONS[errorName];
    super(`ConsentRegistry: ${errorName}(${shown})${why ? `: ${why}` : ''}`, options);
    this.name = 'ConsentRegistryError';
  }
}

interface RevertLike {
  revert?: { name?: string; args?: ArrayLike<unknown> } | null;
  data?: unknown;
  error?: unknown;
  info?: { error?: unknown };
}

/** ethers nests the revert data differently per code path (estimateGas, call, wait). */
function findRevertData(error: unknown, depth = 0): string | undefined {
  if (!error || typeof error !== 'object' || depth > 4) return undefined;
  const e = error as RevertLike;
  if (typeof e.data === 'string' && /^0x[0-9a-fA-F]{8}/.test(e.data)) return e.data;
  if (e.data && typeof e.data === 'object') {
    const nested = findRevertData(e.data, depth + 1);
    if (nested) return nested;
  }
  return findRevertData(e.error, depth + 1) ?? findRevertData(e.info?.error, depth + 1);
}

/**
 * Turns an ethers error caused by a ConsentRegistry revert into a ConsentRegistryError;
 * returns anything else (network failures, ...) unchanged.
 */
export function toRegistryError(error: unknown, contractInterface: Interface): unknown {
  if (error instanceof ConsentRegistryError) return error;
  const revert = (error as RevertLike | null)?.revert;
  if (revert?.name && EXPLANATIONS[revert.name] !== undefined) {
    return new ConsentRegistryError(revert.name, Array.from(revert.args ?? []), { cause: error });
  }
  const data = findRevertData(error);
  if (data) {
    try {
      const parsed = contractInterface.parseError(data);
      if (parsed) return new ConsentRegistryError(parsed.name, [...parsed.args], { cause: error });
    } catch {
      // not one of ours
    }
  }
  return error;
}
