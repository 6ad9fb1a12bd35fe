import {
  Interface,
  getAddress,
  zeroPadValue,
  type JsonFragment,
  type Log,
  type Provider,
} from 'ethers';
import committedAbi from './abi/ConsentRegistry.json';
import { categoriesFromMask, type ConsentCategory, type PurposeOfUse } from './consent-codes';

/** uint64 max: the contract's "until revoked". */
export const NO_EXPIRY = 2n ** 64n - 1n;

interface EventBase {
  blockNumber: number;
  logIndex: number;
  transactionHash: string;
}

export interface ConsentGrantedEvent extends EventBase {
  name: 'ConsentGranted';
  patient: string;
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  /** Unix seconds; null = until revoked. */
  expiresAt: number | null;
  /** Who signed or sent it: the patient or a delegate (never the relayer). */
  actor: string;
}

export interface ConsentRevokedEvent extends EventBase {
  name: 'ConsentRevoked';
  patient: string;
  grantee: string;
  category: ConsentCategory;
  purpose: PurposeOfUse;
  actor: string;
}

export interface DelegateChangedEvent extends EventBase {
  name: 'DelegateSet' | 'DelegateRemoved';
  patient: string;
  delegate: string;
}

export interface EmergencyAccessEvent extends EventBase {
  name: 'EmergencyAccess';
  patient: string;
  organization: string;
  categories: ConsentCategory[];
  reasonCode: string;
  justificationHash: string;
}

export interface AuditAnchoredEvent extends EventBase {
  name: 'AuditAnchored';
  logId: string;
  anchorer: string;
  headHash: string;
  entryCount: number;
}

export type RegistryEvent =
  | ConsentGrantedEvent
  | ConsentRevokedEvent
  | DelegateChangedEvent
  | EmergencyAccessEvent
  | AuditAnchoredEvent;

export type RegistryEventName = RegistryEvent['name'];

export const REGISTRY_EVENT_NAMES: readonly RegistryEventName[] = [
  'ConsentGranted',
  'ConsentRevoked',
  'DelegateSet',
  'DelegateRemoved',
  'EmergencyAccess',
  'AuditAnchored',
];

let sharedInterface: Interface | undefined;
export function registryInterface(): Interface {
  // The committed ABI (a JSON import, so it travels with a tsc build too).
  sharedInterface ??= new Interface(committedAbi as JsonFragment[]);
  return sharedInterface;
}

export function expiryFromChain(value: bigint): number | null {
  return value === NO_EXPIRY ? null : Number(value);
}

/** Decodes one registry log; undefined for logs of other events or contracts' events. */
export function decodeRegistryLog(log: Log): RegistryEvent | undefined {
  const parsed = registryInterface().parseLog({ topics: [...log.topics], data: log.data });
  if (!parsed) return undefined;
  const base: EventBase = {
    blockNumber: log.blockNumber,
    logIndex: log.index,
    transactionHash: log.transactionHash,
  };
  const a = parsed.args;
  switch (parsed.name) {
    case 'ConsentGranted':
      return {
        ...base,
        name: 'ConsentGranted',
        patient: a.patient as string,
        grantee: a.grantee as string,
        category: Number(a.category),
        purpose: Number(a.purpose),
        expiresAt: expiryFromChain(a.expiresAt as bigint),
        actor: a.actor as string,
      };
    case 'ConsentRevoked':
      return {
        ...base,
        name: 'ConsentRevoked',
        patient: a.patient as string,
        grantee: a.grantee as string,
        category: Number(a.category),
        purpose: Number(a.purpose),
        actor: a.actor as string,
      };
    case 'DelegateSet':
    case 'DelegateRemoved':
      return {
        ...base,
        name: parsed.name,
        patient: a.patient as string,
        delegate: a.delegate as string,
      };
    case 'EmergencyAccess':
      return {
        ...base,
        name: 'EmergencyAccess',
        patient: a.patient as string,
        organization: a.organization as string,
        categories: categoriesFromMask(Number(a.categoryMask)),
        reasonCode: a.reasonCode as string,
        justificationHash: a.justificationHash as string,
      };
    case 'AuditAnchored':
      return {
        ...base,
        name: 'AuditAnchored',
        logId: a.logId as string,
        anchorer: a.anchorer as string,
        headHash: a.headHash as string,
        entryCount: Number(a.entryCount),
      };
    default:
      return undefined; // ownership/anchorer administration
  }
}

export interface EventQuery {
  provider: Provider;
  address: string;
  fromBlock: number;
  /** Default: the latest block. */
  toBlock?: number;
  /** Only these events (default: all of REGISTRY_EVENT_NAMES). */
  names?: readonly RegistryEventName[];
  /** Topic 1 filter: the patient (audit anchors have a log id there and are excluded). */
  patient?: string;
  /** Topic 2 filter: the grantee, delegate or organisation. */
  grantee?: string;
  /** Public RPC providers cap eth_getLogs ranges; queries are split into chunks this big. */
  maxBlockRange?: number;
}

const addressTopic = (address: string) => zeroPadValue(getAddress(address), 32);

/** Decoded registry events in [fromBlock, toBlock], in chain order. */
export async function queryRegistryEvents(query: EventQuery): Promise<RegistryEvent[]> {
  const iface = registryInterface();
  const names = query.names ?? REGISTRY_EVENT_NAMES;
  const topics: (string | string[] | null)[] = [
    names.map((n) => iface.getEvent(n)!.topicHash),
    query.patient ? addressTopic(query.patient) : null,
    query.grantee ? addressTopic(query.grantee) : null,
  ];
  while (topics.length > 1 && topics[topics.length - 1] === null) topics.pop();
  const toBlock = query.toBlock ?? (await query.provider.getBlockNumber());
  const range = query.maxBlockRange ?? 10_000;
  const events: RegistryEvent[] = [];
  for (let from = query.fromBlock; from <= toBlock; from += range) {
    const logs = await query.provider.getLogs({
      address: query.address,
      topics,
      fromBlock: from,
      toBlock: Math.min(toBlock, from + range - 1),
    });
    for (const log of logs) {
      const event = decodeRegistryLog(log);
      if (event) events.push(event);
    }
  }
  return events;
}

export interface WatchOptions extends Omit<EventQuery, 'toBlock'> {
  /** Called with each new batch (in order); the next poll waits until it settles. */
  onEvents(events: RegistryEvent[]): void | Promise<void>;
  onError?(error: unknown): void;
  pollIntervalMs?: number;
}

export interface EventWatch {
  /** The last block whose events were delivered. */
  readonly lastBlock: number;
  stop(): void;
}

/**
 * Polls for new registry events (eth_getLogs over the blocks since the last poll), which
 * works over plain HTTP JSON-RPC on any node, unlike filter subscriptions. A failed poll is
 * reported to onError and retried from the same block, so no event is skipped.
 */
export function watchRegistryEvents(options: WatchOptions): EventWatch {
  let next = options.fromBlock;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const interval = options.pollIntervalMs ?? 1000;

  const poll = async () => {
    try {
      const head = await options.provider.getBlockNumber();
      if (head >= next) {
        const events = await queryRegistryEvents({ ...options, fromBlock: next, toBlock: head });
        if (stopped) return;
        if (events.length > 0) await options.onEvents(events);
        next = head + 1;
      }
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(() => void poll(), interval);
  };
  timer = setTimeout(() => void poll(), 0);

  return {
    get lastBlock() {
      return next - 1;
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
