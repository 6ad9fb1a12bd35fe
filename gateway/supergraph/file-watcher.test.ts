import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { watchFileChanges, type FileWatch } from './file-watcher';
import { writeSupergraphFileAtomic } from './supergraph-file';

async function until(probe: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('watchFileChanges', () => {
  let dir: string;
  let file: string;
  let watch: FileWatch | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-watch-'));
    file = path.join(dir, 'supergraph.graphql');
    fs.writeFileSync(file, 'v1');
  });
  afterEach(() => {
    watch?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['OS change events', { events: true, pollIntervalMs: 0 }],
    ['polling alone', { events: false, pollIntervalMs: 40 }],
  ])('sees in-place writes and atomic replacements, debounced (%s)', async (_how, how) => {
    let calls = 0;
    watch = watchFileChanges(file, () => calls++, { debounceMs: 30, ...how });
    fs.writeFileSync(file, 'v2');
    fs.appendFileSync(file, ' and more');
    await until(() => calls >= 1);
    await new Promise((r) => setTimeout(r, 150));
    const afterBurst = calls;
    // A burst of writes is one call (two at most when a poll falls between them).
    expect(afterBurst).toBeLessThanOrEqual(2);
    writeSupergraphFileAtomic(file, 'v3');
    await until(() => calls > afterBurst);
  });

  it('ignores other files in the folder and stops when closed', async () => {
    let calls = 0;
    watch = watchFileChanges(file, () => calls++, { debounceMs: 10, pollIntervalMs: 20 });
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'x');
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toBe(0);
    watch.close();
    fs.writeFileSync(file, 'v2');
    await new Promise((r) => setTimeout(r, 150));
    expect(calls).toBe(0);
  });
});
