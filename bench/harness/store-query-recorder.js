// Preloaded (node --require, e.g. through NODE_OPTIONS) into PatientGraph processes
// under test or benchmark: records every /graphql request a process serves and
// every SQL statement its stores execute while serving one, one JSON line each, to
// the file named by STORE_QUERY_LOG. Statements are caught at the native `libsql`
// driver, the one SQLite library every store path shares (Prisma's driver adapter
// through @libsql/client, and the raw bulk-write paths), so nothing can bypass it.
// Recording, not changing: the process behaves exactly as without it. Statements
// run outside a GraphQL request (ingest, outbox retries, migrations) are not recorded.
'use strict';
const file = process.env.STORE_QUERY_LOG;
if (file) {
  const fs = require('node:fs');
  const http = require('node:http');
  const path = require('node:path');
  const { AsyncLocalStorage } = require('node:async_hooks');

  const requests = new AsyncLocalStorage();
  const entry = process.argv[1] ?? '';
  // subgraphs/<name>/index.ts -> <name>; gateway/main.ts -> gateway
  const service = path.basename(path.dirname(entry));
  let sequence = 0;
  const record = (line) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, service, ...line })}\n`);
    } catch {
      // the reader takes what it can; never break the process under test
    }
  };

  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function recordedEmit(event, req) {
    if (event !== 'request' || (req.url ?? '').split('?')[0] !== '/graphql') {
      return emit.apply(this, arguments);
    }
    const request = ++sequence;
    record({ kind: 'request', request });
    return requests.run({ request }, () => emit.apply(this, arguments));
  };

  const verbOf = (sql) => (/^\s*([A-Za-z]+)/.exec(sql)?.[1] ?? '?').toUpperCase();
  let libsqlFile;
  try {
    // The same resolution as the store paths: adapter -> @libsql/client -> libsql.
    const adapterDir = path.dirname(require.resolve('@prisma/adapter-libsql'));
    const clientDir = path.dirname(require.resolve('@libsql/client', { paths: [adapterDir] }));
    libsqlFile = require.resolve('libsql', { paths: [clientDir] });
  } catch {
    libsqlFile = undefined; // no SQLite in this process (the gateway)
  }
  if (libsqlFile) {
    const Database = require(libsqlFile);
    const statementMethods = ['run', 'get', 'all', 'iterate'];
    const recordStatement = (db, sql) => {
      const current = requests.getStore();
      if (!current) return;
      record({
        kind: 'statement',
        request: current.request,
        // The folder too: a subgraph's audit log (data/audit/<name>.db) has its store's file name.
        db: String(db.recordedFile ?? '')
          .split(/[\\/]/)
          .slice(-2)
          .join('/'),
        verb: verbOf(sql),
      });
    };
    class RecordedDatabase extends Database {
      constructor(filename, options) {
        super(filename, options);
        this.recordedFile = filename;
      }
      prepare(sql) {
        const statement = super.prepare(sql);
        const recordThis = () => recordStatement(this, sql);
        for (const method of statementMethods) {
          const original = statement[method];
          if (typeof original !== 'function') continue;
          statement[method] = function recordedExecute(...args) {
            recordThis();
            return original.apply(this, args);
          };
        }
        return statement;
      }
      exec(sql) {
        recordStatement(this, sql);
        return super.exec(sql);
      }
    }
    Object.assign(RecordedDatabase, Database);
    require.cache[libsqlFile].exports = RecordedDatabase;
  }
}
