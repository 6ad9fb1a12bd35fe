// Preloaded (NODE_OPTIONS=--require) into benchmark stack processes when
// BENCH_PROFILE_DIR is set: samples the process's CPU with V8's profiler from the
// start and writes `<dir>/<service>-<pid>.cpuprofile` (open it in Chrome DevTools)
// when the process exits. `node --cpu-prof` does the same but is refused in
// NODE_OPTIONS, which is how the stack runner passes flags to its children.
'use strict';
// BENCH_PROFILE_SERVICES (comma-separated, e.g. `gateway`) limits it to those
// services: sampling every process of a stack on two cores slows all of them.
// BENCH_PROFILE_INTERVAL_US sets the sampling interval (default 500 us).
const path = require('node:path');
const dir = process.env.BENCH_PROFILE_DIR;
const entry = process.argv[1] ?? '';
const service = path.basename(path.dirname(entry)) || 'process';
const only = (process.env.BENCH_PROFILE_SERVICES ?? '').split(',').filter(Boolean);
if (dir && (only.length === 0 || only.includes(service))) {
  const fs = require('node:fs');
  const inspector = require('node:inspector');
  const session = new inspector.Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', {
    interval: Number(process.env.BENCH_PROFILE_INTERVAL_US) || 500,
  });
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
