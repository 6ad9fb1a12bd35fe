import {
  Contract,
  NonceManager,
  ZeroHash,
  encodeBytes32String,
  getAddress,
  isHexString,
  type ContractRunner,
  type ContractTransactionResponse,
  type Provider,
} from 'ethers';
import {
  categoriesFromMask,
  categoryMask,
  type ConsentCategory,
  type PurposeOfUse,
} from './consent-codes';
import {
  DEFAULT_AUDIT_LOG_ID,
  REASON_CODE,
  checkTerms,
  queryTuple,
  toExpiry,
  type AuditHead,
  type ConsentKey,
  type ConsentStatus,
  type EmergencyAccessRecord,
  type GrantEntry,
  type GrantTerms,
  type RevokeTerms,
  type SignOptions,
  type TxResult,
} from './consent-registry.types';
import {
  NO_EXPIRY,
  expiryFromChain,
  queryRegistryEvents,
  registryInterface,
  watchRegistryEvents,
  type EventQuery,
  type EventWatch,
  type RegistryEvent,
  type WatchOptions,
} from './consent-events';
import { signDelegate, signGrant, signRevocation, type PatientSigner } from './consent-signing';
import {
  consentDomain,
  type DelegateRequest,
  type GrantRequest,
  type RevokeRequest,
  type Signed,
} from './consent-typed-data';
import { toRegistryError } from './registry-errors';
import { createRpcProvider, createSigner } from './rpc-provider';

const LIST_PAGE = 500;

/**
 * Typed access to a deployed ConsentRegistry over ethers v6. Reads need a provider; writes
 * need a signer as runner, and the signer is who acts: the patient (grant, revoke,
 * setDelegate), a delegate (grantFor, revokeFor), the relayer (submitSigned*), an
 * organisation (recordEmergencyAccess) or an anchorer (anchorAuditHead).
 */
/** The send in progress per signer: each resolves once its transaction reached the node. */
const sending = new WeakMap<object, Promise<void>>();

/**
 * Takes a signer's send lock: transactions from one signer reach the node one at a
 * time, in nonce order (their receipts are still awaited together). With several
 * sends at once, a NonceManager hands out nonces before gas estimation; a send that
 * then failed left a gap (and its reset raced the others'), so every later
 * transaction of the signer waited in the node's queue forever: seeding many
 * patients' consents in parallel hung that way.
 */
async function sendLock(runner: ContractRunner): Promise<() => void> {
  const previous = sending.get(runner) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  sending.set(
    runner,
    previous.then(() => mine),
  );
  await previous;
  return release;
}

export class ConsentRegistry {
  readonly address: string;
  readonly contract: Contract;

  constructor(
    address: string,
    readonly runner: ContractRunner,
  ) {
    this.address = getAddress(address);
    this.contract = new Contract(this.address, registryInterface(), runner);
  }

  /**
   * From a URL: a nonce-safe provider, and a NonceManager signer when a key is given.
   * Call `provider.destroy()` on the returned provider when done.
   */
  static connect(options: {
    rpcUrl: string;
    address: string;
    privateKey?: string;
    chainId?: number;
  }): {
    registry: ConsentRegistry;
    provider: Provider & { destroy(): void };
  } {
    const provider = createRpcProvider(options.rpcUrl, options.chainId);
    const runner = options.privateKey ? createSigner(provider, options.privateKey) : provider;
    return { registry: new ConsentRegistry(options.address, runner), provider };
  }

  /** The same registry with another actor. */
  connect(runner: ContractRunner): ConsentRegistry {
    return new ConsentRegistry(this.address, runner);
  }

  get provider(): Provider {
    const provider = this.runner.provider;
    if (!provider) throw new Error('ConsentRegistry runner has no provider');
    return provider;
  }

  // ------------------------------------------------------------------ writes

  async grant(terms: GrantTerms): Promise<TxResult> {
    checkTerms(terms.category, terms.purpose);
    const expiry = toExpiry(terms.expiresAt);
    return this.send('grant', [getAddress(terms.grantee), terms.category, terms.purpose, expiry]);
  }

  async grantFor(patient: string, terms: GrantTerms): Promise<TxResult> {
    checkTerms(terms.category, terms.purpose);
    const expiry = toExpiry(terms.expiresAt);
    const args = [getAddress(patient), getAddress(terms.grantee), terms.category, terms.purpose];
    return this.send('grantFor', [...args, expiry]);
  }

  async revoke(terms: RevokeTerms): Promise<TxResult> {
    checkTerms(terms.category, terms.purpose);
    return this.send('revoke', [getAddress(terms.grantee), terms.category, terms.purpose]);
  }

  async revokeFor(patient: string, terms: RevokeTerms): Promise<TxResult> {
    checkTerms(terms.category, terms.purpose);
    const args = [getAddress(patient), getAddress(terms.grantee), terms.category, terms.purpose];
    return this.send('revokeFor', args);
  }

  async setDelegate(delegate: string, allowed: boolean): Promise<TxResult> {
    return this.send('setDelegate', [getAddress(delegate), allowed]);
  }

  async submitSignedGrant(signed: Signed<GrantRequest>): Promise<TxResult> {
    return this.send('grantWithSig', [signed.request, signed.signature]);
  }

  async submitSignedRevocation(signed: Signed<RevokeRequest>): Promise<TxResult> {
    return this.send('revokeWithSig', [signed.request, signed.signature]);
  }

  async submitSignedDelegate(signed: Signed<DelegateRequest>): Promise<TxResult> {
    return this.send('setDelegateWithSig', [signed.request, signed.signature]);
  }

  async recordEmergencyAccess(record: EmergencyAccessRecord): Promise<TxResult> {
    if (!REASON_CODE.test(record.reasonCode)) {
      throw new RangeError('reasonCode must be a code of 1-31 characters A-Z, 0-9 and _');
    }
    const justification = record.justificationHash ?? ZeroHash;
    if (!isHexString(justification, 32)) throw new RangeError('justificationHash must be bytes32');
    const mask = categoryMask(record.categories);
    const reason = encodeBytes32String(record.reasonCode);
    return this.send('recordEmergencyAccess', [
      getAddress(record.patient),
      mask,
      reason,
      justification,
    ]);
  }

  async anchorAuditHead(head: {
    logId?: string;
    headHash: string;
    entryCount: number;
  }): Promise<TxResult> {
    if (!isHexString(head.headHash, 32)) throw new RangeError('headHash must be bytes32');
    const logId = head.logId ?? DEFAULT_AUDIT_LOG_ID;
    return this.send('anchorAuditHead', [logId, head.headHash, head.entryCount]);
  }

  async setAnchorer(account: string, allowed: boolean): Promise<TxResult> {
    return this.send('setAnchorer', [getAddress(account), allowed]);
  }

  // ------------------------------------------------------------------ EIP-712 signing

  /** The patient (or a delegate, naming `patient`) signs a grant a relayer will submit. */
  signGrant(
    signer: PatientSigner,
    terms: GrantTerms & { patient?: string },
    options: SignOptions = {},
  ): Promise<Signed<GrantRequest>> {
    return signGrant(this, signer, terms, options);
  }

  signRevocation(
    signer: PatientSigner,
    terms: RevokeTerms & { patient?: string },
    options: SignOptions = {},
  ): Promise<Signed<RevokeRequest>> {
    return signRevocation(this, signer, terms, options);
  }

  /** Only the patient can sign this (a delegate cannot appoint delegates). */
  signDelegate(
    patientSigner: PatientSigner,
    delegate: string,
    allowed: boolean,
    options: SignOptions = {},
  ): Promise<Signed<DelegateRequest>> {
    return signDelegate(this, patientSigner, delegate, allowed, options);
  }

  private chainIdPromise?: Promise<bigint>;
  async domain() {
    this.chainIdPromise ??= this.provider.getNetwork().then((n) => n.chainId);
    return consentDomain(await this.chainIdPromise, this.address);
  }

  // ------------------------------------------------------------------ reads

  async hasConsent(key: ConsentKey): Promise<boolean> {
    checkTerms(key.category, key.purpose);
    return this.call<boolean>('hasConsent', queryTuple(key));
  }

  /** Every check of one request in one eth_call; results in query order. */
  async hasConsentBatch(queries: readonly ConsentKey[]): Promise<boolean[]> {
    if (queries.length === 0) return [];
    queries.forEach((q) => checkTerms(q.category, q.purpose));
    const results = await this.call<boolean[]>('hasConsentBatch', [queries.map(queryTuple)]);
    return [...results];
  }

  /** Like hasConsentBatch, with how long each positive answer holds (for caches). */
  async consentStatusBatch(queries: readonly ConsentKey[]): Promise<ConsentStatus[]> {
    if (queries.length === 0) return [];
    queries.forEach((q) => checkTerms(q.category, q.purpose));
    const until = await this.call<bigint[]>('consentExpiryBatch', [queries.map(queryTuple)]);
    return [...until].map((u) => ({
      granted: u !== 0n,
      expiresAt: u === 0n ? 0 : expiryFromChain(u),
    }));
  }

  /** The categories `grantee` may see for `purpose`. */
  async consentedCategories(
    patient: string,
    grantee: string,
    purpose: PurposeOfUse,
  ): Promise<ConsentCategory[]> {
    checkTerms(0, purpose);
    const mask = await this.call<bigint>('consentMask', [
      getAddress(patient),
      getAddress(grantee),
      purpose,
    ]);
    return categoriesFromMask(Number(mask));
  }

  /** The patient's grants that were not revoked, lapsed ones marked inactive. */
  async listGrants(patient: string): Promise<GrantEntry[]> {
    const owner = getAddress(patient);
    // Every page is read at the same block, so a concurrent revoke cannot shift the pages.
    const block = await this.provider.getBlock('latest');
    if (!block) throw new Error('no latest block');
    const at = { blockTag: block.number };
    const count = Number(await this.call<bigint>('grantCount', [owner, at]));
    const entries: GrantEntry[] = [];
    for (let offset = 0; offset < count; offset += LIST_PAGE) {
      const page = await this.call<
        { grantee: string; category: bigint; purpose: bigint; expiresAt: bigint }[]
      >('listGrants', [owner, offset, LIST_PAGE, at]);
      for (const g of page) {
        const expiresAt = expiryFromChain(g.expiresAt);
        entries.push({
          grantee: g.grantee,
          category: Number(g.category),
          purpose: Number(g.purpose),
          expiresAt,
          active: expiresAt === null || expiresAt > block.timestamp,
        });
      }
    }
    return entries;
  }

  async nonceOf(patient: string): Promise<bigint> {
    return this.call<bigint>('nonces', [getAddress(patient)]);
  }

  async isDelegate(patient: string, delegate: string): Promise<boolean> {
    return this.call<boolean>('isDelegate', [getAddress(patient), getAddress(delegate)]);
  }

  async isAnchorer(account: string): Promise<boolean> {
    return this.call<boolean>('isAnchorer', [getAddress(account)]);
  }

  async latestAuditHead(logId: string = DEFAULT_AUDIT_LOG_ID): Promise<AuditHead | null> {
    const head = await this.call<[string, bigint, bigint]>('auditHeads', [logId]);
    if (head[1] === 0n) return null;
    return { headHash: head[0], entryCount: Number(head[1]), anchoredAt: Number(head[2]) };
  }

  /** The latest block's timestamp: "now" as the contract sees it. */
  async chainTime(): Promise<number> {
    const block = await this.provider.getBlock('latest');
    if (!block) throw new Error('no latest block');
    return block.timestamp;
  }

  // ------------------------------------------------------------------ events

  async queryEvents(query: Omit<EventQuery, 'provider' | 'address'>): Promise<RegistryEvent[]> {
    return queryRegistryEvents({ ...query, provider: this.provider, address: this.address });
  }

  watchEvents(options: Omit<WatchOptions, 'provider' | 'address'>): EventWatch {
    return watchRegistryEvents({ ...options, provider: this.provider, address: this.address });
  }

  // ------------------------------------------------------------------ plumbing

  private async send(method: string, args: unknown[]): Promise<TxResult> {
    let tx: ContractTransactionResponse;
    const release = await sendLock(this.runner);
    try {
      tx = (await this.contract.getFunction(method).send(...args)) as ContractTransactionResponse;
    } catch (error) {
      // The NonceManager counted a nonce for a transaction that was never sent (gas
      // estimation reverted, or the node refused it); without a reset every later
      // transaction would queue behind the gap forever. Safe here: no other send of
      // this signer is between taking its nonce and reaching the node.
      if (this.runner instanceof NonceManager) this.runner.reset();
      throw toRegistryError(error, registryInterface());
    } finally {
      release();
    }
    try {
      const receipt = await tx.wait();
      if (!receipt || receipt.status !== 1) throw new Error(`${method} transaction failed`);
      return { hash: receipt.hash, blockNumber: receipt.blockNumber, gasUsed: receipt.gasUsed };
    } catch (error) {
      throw toRegistryError(error, registryInterface());
    }
  }

  private async call<T>(method: string, args: unknown[]): Promise<T> {
    try {
      return (await this.contract.getFunction(method).staticCall(...args)) as T;
    } catch (error) {
      throw toRegistryError(error, registryInterface());
    }
  }
}

export { DEFAULT_AUDIT_LOG_ID, NO_EXPIRY };
export type {
  AuditHead,
  ConsentKey,
  ConsentStatus,
  EmergencyAccessRecord,
  GrantEntry,
  GrantTerms,
  RevokeTerms,
  SignOptions,
  TxResult,
};
