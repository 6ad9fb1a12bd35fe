import { randomUUID } from 'node:crypto';

/**
 * Row ids that sort by creation time (UUID v7 layout: 48-bit milliseconds, a
 * sequence, then random bits). Ingest inserts tens of rows per message; with
 * random v4 ids every insert lands on a random page of each primary-key index,
 * with these they append at its end. The random part comes from randomUUID,
 * which draws from a pooled entropy buffer (a randomBytes call per id costs more
 * than the rest of the id).
 */
let lastMs = 0;
let sequence = 0;

export function rowId(now = Date.now()): string {
  if (now === lastMs) sequence = (sequence + 1) & 0xfff;
  else {
    lastMs = now;
    sequence = 0;
  }
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${random.slice(19)}`;
}
