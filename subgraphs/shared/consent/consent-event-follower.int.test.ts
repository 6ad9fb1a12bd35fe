import type { Provider } from 'ethers';
import { rpc } from '../../../contracts/local-chain';
import { startTestRegistry, type TestRegistry } from '../../../contracts/testing/test-registry';
import { createLogger } from '../logger';
import { ConsentCache } from './consent-cache';
import { ConsentEventFollower } from './consent-event-follower';

/** The real provider, counting the calls the follower makes by method. */
function countingProvider(provider: Provider) {
  const calls = new Map<string, number>();
  const counted = new Proxy(provider, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { provider: counted, calls };
}

describe('ConsentEventFollower (real anvil)', () => {
  let registry: TestRegistry;

  beforeAll(async () => {
    registry = await startTestRegistry();
  });

  afterAll(async () => {
    await registry?.stop();
  });

  function follower(provider: Provider) {
    return new ConsentEventFollower({
      provider,
      registryAddress: registry.deployment.address,
      cache: new ConsentCache(),
      logger: createLogger('follower-test', 'silent'),
    });
  }

  it('reads the head block once while the chain is idle, and again when it moves', async () => {
    const { provider, calls } = countingProvider(registry.provider);
    const following = follower(provider);
    await following.poll();
    await following.poll();
    await following.poll();
    expect(calls.get('getBlockNumber')).toBe(3);
    expect(calls.get('getBlock')).toBe(1);
    expect(following.isFresh()).toBe(true);

    // A new block, stamped a day ahead: the next poll must see its time.
    const { timestamp } = (await registry.provider.getBlock('latest'))!;
    const dayLater = timestamp + 86_400;
    await rpc(registry.chain.rpcUrl, 'evm_mine', [dayLater]);
    await following.poll();
    expect(calls.get('getBlock')).toBe(2);
    expect(following.chainNow()).toBeGreaterThanOrEqual(dayLater);
    expect(following.processedBlock).toBe(await registry.provider.getBlockNumber());
  });
});
