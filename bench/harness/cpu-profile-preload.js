// Preloaded (NODE_OPTIONS=--require) into benchmark stack processes when
// BENCH_PROFILE_DIR is set: samples the process's CPU with V8's profiler from the
// start and writes `<dir>/<service>-<pid>.cpuprofile` (open it in Chrome DevTools)
// when the process exits. `node --cpu-prof` does the same but is refused in
// NODE_OPTIONS, which is how the stack runner passes flags to its children.
'use strict';
const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const inspector = require('node:inspector');
  const entry = process.argv[1] ?? '';
  const service = path.basename(path.dirname(entry)) || 'process';
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // The same-thread inspector session answers synchronously, so this completes here.
    session.post('Profiler.stop', (error, result) => {
      if (error || !result) return;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, `${service}-${process.pid}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
