import { spawn, type ChildProcess } from 'node:child_process';
import { makeTempDir } from '../../test/helpers/temp-dir';
import { MEMORY_PROBE_PRELOAD, probeMemory } from './memory-probe';

describe('memory probe', () => {
  const temp = makeTempDir('memory-probe');
  let child: ChildProcess;

  afterAll(() => {
    child?.kill();
    temp.cleanup();
  });

  it('has a preloaded process collect its garbage and report its heap', async () => {
    child = spawn(
      process.execPath,
      ['-r', MEMORY_PROBE_PRELOAD, '-e', "console.log('up'); setInterval(() => {}, 1000)"],
      { env: { ...process.env, NODE_OPTIONS: '', BENCH_MEMORY_PROBE_DIR: temp.dir } },
    );
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    const report = await probeMemory(temp.dir, child.pid!);
    expect(report?.heapUsedMiB).toBeGreaterThan(1);
    expect(report!.rssMiB).toBeGreaterThan(report!.heapUsedMiB);
  });

  it('answers undefined for a process that is not there', async () => {
    expect(await probeMemory(temp.dir, 2 ** 22 + 12345, 200)).toBeUndefined();
  });
});
