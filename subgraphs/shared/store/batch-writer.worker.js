// A store's bulk write connection, on its own thread (see batch-writer.ts). The
// SQLite driver runs statements synchronously, fsync included: here they block
// this thread, not the subgraph's event loop, which meanwhile parses and maps the
// next payloads (they queue and share the next commit).
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsqlPath);

const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.prepare(`PRAGMA ${pragma}`).all();

// Statements come in a few fixed shapes (shared/store/sql-insert.ts): each is
// parsed once and kept.
const prepared = new Map();
function statement(sql) {
  let found = prepared.get(sql);
  if (!found) {
    if (prepared.size >= 256) prepared.clear();
    found = db.prepare(sql);
    prepared.set(sql, found);
  }
  return found;
}

/**
 * One transaction for every unit of the batch; each unit inside a savepoint, so a
 * unit the database refuses is undone alone and the others still commit.
 */
function writeBatch(units) {
  db.exec('BEGIN IMMEDIATE');
  const results = [];
  try {
    for (const unit of units) {
      db.exec('SAVEPOINT unit');
      try {
        const changes = unit.map((s) => statement(s.sql).run(...s.params).changes);
        db.exec('RELEASE unit');
        results.push({ changes });
      } catch (error) {
        db.exec('ROLLBACK TO unit');
        db.exec('RELEASE unit');
        results.push({ error: String(error && error.message) });
      }
    }
    db.exec('COMMIT');
    return { results };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return { error: String(error && error.message) };
  }
}

parentPort.on('message', ({ id, units }) => {
  parentPort.postMessage({ id, ...writeBatch(units) });
});
