// Preloaded (NODE_OPTIONS=--require) into benchmark stack processes: on SIGUSR2 the
// process runs a full garbage collection and writes its memory use to
// `$BENCH_MEMORY_PROBE_DIR/<pid>.json`. Heap in use after a full GC is what tells
// memory that is kept (a leak, an unbounded cache) from garbage not yet collected,
// which RSS alone cannot: V8 grows its heap lazily. Idle until signalled.
'use strict';
const dir = process.env.BENCH_MEMORY_PROBE_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const v8 = require('node:v8');
  const vm = require('node:vm');
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  process.on('SIGUSR2', () => {
    gc();
    const usage = process.memoryUsage();
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), ...usage }));
    fs.renameSync(`${file}.tmp`, file);
  });
}
