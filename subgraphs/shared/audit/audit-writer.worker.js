// The audit log's SQLite writer, on its own thread. libsql runs statements
// synchronously on the calling thread, fsync included (WAL, synchronous=FULL:
// an audit entry is durable before the response it records leaves), and it
// waits for the write lock the subgraphs sharing the audit file take in turn.
// Here that wait blocks this thread, not the subgraph's event loop, which keeps
// serving requests while their decisions are committed (see audit-writer.ts).
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { createClient } = require('@libsql/client');

const client = createClient({ url: workerData.url });
// One connection for the thread's life: nothing here calls client.transaction(),
// which is what makes @libsql/client open a fresh connection (without this pragma).
const ready = client.execute(`PRAGMA busy_timeout = ${workerData.busyTimeoutMs}`);

parentPort.on('message', (message) => {
  const { id, statements } = message;
  const write =
    statements.length === 1
      ? client.execute({ sql: statements[0].sql, args: statements[0].values })
      : client.batch(
          statements.map((s) => ({ sql: s.sql, args: s.values })),
          'write',
        );
  ready
    .then(() => write)
    .then(
      () => parentPort.postMessage({ id }),
      (error) => parentPort.postMessage({ id, error: String(error && error.message) }),
    );
});
