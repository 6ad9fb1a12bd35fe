// A store's bulk write connection, on its own thread (see batch-writer.ts). The
// SQLite driver runs statements synchronously, fsync included: here they block
// this thread, not the subgraph's event loop, which meanwhile parses and maps the
// next payloads (they queue and share the next commit).
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.libsqlPath);

const db = new Database(workerData.file);
for (const pragma of workerData.pragmas) db.prepare(`PRAGMA ${pragma}`).all();
// This thread waits for the write lock itself (withLockRetry), so SQLite's busy
// handler must not: it sleeps 1, 2, 5, 10 ms... between tries, so three
// processes committing to one file at once (the audit log) waited several
// milliseconds for locks held well under one.
db.prepare('PRAGMA busy_timeout = 0').all();
const lockTimeoutMs = workerData.lockTimeoutMs;
const pause = new Int32Array(new SharedArrayBuffer(4));

function errorText(error) {
  if (!error) return 'unknown error';
  return [error.code, error.message].filter(Boolean).join(': ') || String(error);
}

function isBusy(error) {
  return /SQLITE_BUSY|database is locked/i.test(errorText(error));
}

/**
 * Runs `sql` (BEGIN IMMEDIATE, COMMIT), retrying while another connection holds
 * the write lock: first after 50 microseconds, backing off to 2 ms, for at most
 * the store's busy timeout. This thread only writes, so blocking it costs nothing.
 */
function withLockRetry(sql) {
  const deadline = Date.now() + lockTimeoutMs;
  let waitMs = 0.05;
  for (;;) {
    try {
      statement(sql).run();
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      Atomics.wait(pause, 0, 0, waitMs);
      waitMs = Math.min(waitMs * 2, 2);
    }
  }
}

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
  try {
    withLockRetry('BEGIN IMMEDIATE');
  } catch (error) {
    // Answered, not thrown: a throw here would end this thread, and every later write with it.
    return { error: `${errorText(error)} (waited ${lockTimeoutMs} ms for the write lock)` };
  }
  if (units.length === 1) return writeLoneUnit(units[0]);
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
    withLockRetry('COMMIT');
    return { results };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return { error: String(error && error.message) };
  }
}

/**
 * A batch of one unit (an audit append, mostly) needs no savepoint: if the unit
 * is refused, rolling back the transaction undoes exactly it. Two statements
 * fewer per commit.
 */
function writeLoneUnit(unit) {
  try {
    let changes;
    try {
      changes = unit.map((s) => statement(s.sql).run(...s.params).changes);
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      return { results: [{ error: String(error && error.message) }] };
    }
    withLockRetry('COMMIT');
    return { results: [{ changes }] };
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    return { error: String(error && error.message) };
  }
}

parentPort.on('message', ({ id, units }) => {
  parentPort.postMessage({ id, ...writeBatch(units) });
});
