import type { Provider } from 'ethers';
import { queryRegistryEvents, type RegistryEvent } from '../../../contracts/consent-events';
import type { Logger } from '../logger';
import type { ConsentCache } from './consent-cache';
import { withTimeout } from './with-timeout';

export interface FollowerOptions {
  provider: Provider;
  registryAddress: string;
  cache: ConsentCache;
  logger: Logger;
  /** How often to ask the chain for new events. Revocations take effect within ~this. */
  pollIntervalMs?: number;
  /** Cached answers are trusted only while the last successful poll is younger than this. */
  staleAfterMs?: number;
  /** Per RPC call. */
  rpcTimeoutMs?: number;
}

/**
 * Follows the registry's events and applies consent changes to the cache, so the
 * cache never answers from a state the chain has left. It also tracks how fresh
 * it is: when polls fail (chain down, network cut), `isFresh()` turns false after
 * `staleAfterMs` and the checker stops trusting the cache: fail closed.
 */
export class ConsentEventFollower {
  private nextBlock = -1;
  private lastSuccessAt = 0;
  private chainTimestamp = 0;
  private chainTimestampSeenAt = 0;
  /** The block `chainTimestamp` was read from. */
  private timestampBlock = -1;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly pollIntervalMs: number;
  private readonly staleAfterMs: number;
  private readonly rpcTimeoutMs: number;

  constructor(private readonly options: FollowerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.staleAfterMs = options.staleAfterMs ?? 3_000;
    this.rpcTimeoutMs = options.rpcTimeoutMs ?? 2_000;
  }

  /** First poll (from the current head: the cache starts empty), then keeps polling. */
  async start(): Promise<void> {
    await this.poll();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  isFresh(now = Date.now()): boolean {
    return this.lastSuccessAt > 0 && now - this.lastSuccessAt <= this.staleAfterMs;
  }

  /** The last block whose events are applied to the cache. */
  get processedBlock(): number {
    return this.nextBlock - 1;
  }

  /**
   * "Now" as the contract sees it, in seconds: the latest block's timestamp moved on
   * by the time since we saw it, and never behind the local clock (local chains can
   * be ahead of it when tests advance time).
   */
  chainNow(now = Date.now()): number {
    const estimated = this.chainTimestamp + Math.floor((now - this.chainTimestampSeenAt) / 1000);
    return Math.max(Math.floor(now / 1000), estimated);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule());
    }, this.pollIntervalMs);
    this.timer.unref();
  }

  async poll(): Promise<void> {
    const { provider, registryAddress, cache, logger } = this.options;
    try {
      const head = await withTimeout(
        provider.getBlockNumber(),
        this.rpcTimeoutMs,
        'getBlockNumber',
      );
      if (this.nextBlock < 0 || head < this.nextBlock - 1) {
        // First poll, or the chain went backwards (reset, reorg): nothing cached is known good.
        if (this.nextBlock >= 0)
          logger.warn({ head }, 'consent chain went backwards; cache cleared');
        cache.clear();
        this.nextBlock = head + 1;
        this.timestampBlock = -1;
      } else if (head >= this.nextBlock) {
        const events = await withTimeout(
          queryRegistryEvents({
            provider,
            address: registryAddress,
            fromBlock: this.nextBlock,
            toBlock: head,
            names: ['ConsentGranted', 'ConsentRevoked'],
          }),
          this.rpcTimeoutMs,
          'getLogs',
        );
        for (const event of events) this.apply(event);
        this.nextBlock = head + 1;
      }
      // A block's timestamp never changes: read it only for a head not seen yet
      // (chainNow moves it on by the local clock in between). Polls of an idle
      // chain then cost one small call, in every subgraph, several times a second.
      if (head !== this.timestampBlock) {
        const block = await withTimeout(provider.getBlock(head), this.rpcTimeoutMs, 'getBlock');
        if (block) {
          this.chainTimestamp = block.timestamp;
          this.chainTimestampSeenAt = Date.now();
          this.timestampBlock = head;
        }
      }
      this.lastSuccessAt = Date.now();
    } catch (error) {
      logger.warn({ err: { message: (error as Error).message } }, 'consent event poll failed');
    }
  }

  private apply(event: RegistryEvent): void {
    const { cache } = this.options;
    if (event.name === 'ConsentGranted') {
      cache.applyEvent(
        {
          patientAddress: event.patient,
          grantee: event.grantee,
          category: event.category,
          purpose: event.purpose,
        },
        { granted: true, expiresAt: event.expiresAt },
        event.blockNumber,
      );
    } else if (event.name === 'ConsentRevoked') {
      cache.applyEvent(
        {
          patientAddress: event.patient,
          grantee: event.grantee,
          category: event.category,
          purpose: event.purpose,
        },
        { granted: false, expiresAt: null },
        event.blockNumber,
      );
    }
  }
}
