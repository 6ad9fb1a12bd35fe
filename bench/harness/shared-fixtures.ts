/**
 * Fixtures several cases of one run share: a loaded patient population takes
 * minutes to build, and the scaling, patient-summary, ingest and consent cases all
 * measure the same running stack. The first case that asks builds it; the runner
 * stops every fixture after the last case (`stopSharedFixtures`), also when a case
 * fails. A case run on its own builds what it needs and the runner stops it.
 */
interface Fixture {
  value: Promise<{ stop(): Promise<void> }>;
}

const fixtures = new Map<string, Fixture>();

export function sharedFixture<T extends { stop(): Promise<void> }>(
  key: string,
  create: () => Promise<T>,
): Promise<T> {
  let fixture = fixtures.get(key);
  if (!fixture) {
    const value = create();
    fixture = { value };
    fixtures.set(key, fixture);
    // A fixture that failed to build is forgotten, so a later case may try again.
    value.catch(() => fixtures.delete(key));
  }
  return fixture.value as Promise<T>;
}

/** Stops every shared fixture, most recent first; failures to stop are ignored. */
export async function stopSharedFixtures(): Promise<void> {
  const all = [...fixtures.values()].reverse();
  fixtures.clear();
  for (const fixture of all) {
    try {
      await (await fixture.value).stop();
    } catch {
      // a fixture that never started has nothing to stop
    }
  }
}
