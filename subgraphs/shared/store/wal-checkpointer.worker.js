// Checkpoints one SQLite file's WAL in the background (see wal-checkpointer.ts):
// copying committed pages back into the database file happens on this thread,
// not inside whichever request's COMMIT crossed the auto-checkpoint threshold.
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { setInterval, clearInterval } = require('node:timers');
const Database = require(workerData.libsqlPath);

const db = new Database(workerData.file);
db.prepare('PRAGMA busy_timeout = 100').all();
// PASSIVE: copies what it can without waiting for readers or writers.
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.all();
  } catch {
    // Busy or gone for a moment: the next tick tries again; the connections'
    // own (larger) auto-checkpoint bounds the WAL meanwhile.
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  try {
    db.close();
  } finally {
    parentPort.close();
  }
});
