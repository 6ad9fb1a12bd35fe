import { sharedFixture, stopSharedFixtures } from './shared-fixtures';

describe('shared fixtures', () => {
  afterEach(() => stopSharedFixtures());

  it('builds a fixture once per key and stops every fixture, newest first', async () => {
    const stopped: string[] = [];
    let builds = 0;
    const make = (name: string) => async () => {
      builds++;
      return { name, stop: async () => void stopped.push(name) };
    };
    const a = await sharedFixture('a', make('a'));
    expect(await sharedFixture('a', make('a again'))).toBe(a);
    await sharedFixture('b', make('b'));
    expect(builds).toBe(2);
    await stopSharedFixtures();
    expect(stopped).toEqual(['b', 'a']);
    // Stopped fixtures are forgotten: the next run builds afresh.
    await sharedFixture('a', make('a'));
    expect(builds).toBe(3);
  });

  it('forgets a fixture that failed to build, so a later case can try again', async () => {
    await expect(
      sharedFixture('broken', () => Promise.reject(new Error('no chain'))),
    ).rejects.toThrow('no chain');
    const ok = await sharedFixture('broken', async () => ({ ok: true, stop: async () => {} }));
    expect(ok.ok).toBe(true);
  });
});
