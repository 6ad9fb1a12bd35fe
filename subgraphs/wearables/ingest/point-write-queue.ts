import type { MappedPoint, MappedSleep } from '../mappers/mapped-types';
import type { BatchWriter, WriteUnit } from '../../shared/store/batch-writer';
import { pointStatements, sleepStatements, type WriteCounts } from './point-writer';

/** One payload's rows, by account. */
export interface PayloadRows {
  accounts: { accountKey: number; points: MappedPoint[]; sleep: MappedSleep[] }[];
}

export interface PayloadCounts {
  points: WriteCounts;
  sleep: WriteCounts;
}

interface Pending {
  unit: WriteUnit;
  /** How many of the unit's statements write points (the rest write sleep). */
  pointStatements: number;
  points: number;
  sleep: number;
  resolve: (counts: PayloadCounts) => void;
  reject: (error: unknown) => void;
}

export interface PointWriteQueueOptions {
  /** Most payloads committed together. */
  maxPayloads?: number;
  /** Most rows committed together (a batch always takes at least one payload). */
  maxRows?: number;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Group commit for wearable payloads: while one batch is being committed (on the
 * writer's own thread for SQLite), payloads that arrive queue, and the next batch
 * takes them together: one commit, one fsync, for all of them. A payload's answer
 * still waits for the commit that holds its rows. Each payload is its own unit in
 * the batch (a savepoint), so a payload the database refuses fails alone.
 */
export class PointWriteQueue {
  private readonly pending: Pending[] = [];
  private running: Promise<void> | null = null;
  private readonly maxPayloads: number;
  private readonly maxRows: number;

  constructor(
    private readonly writer: BatchWriter,
    options: PointWriteQueueOptions = {},
  ) {
    this.maxPayloads = options.maxPayloads ?? 64;
    this.maxRows = options.maxRows ?? 100_000;
  }

  /** Resolves with the payload's counts once its rows are committed. */
  write(rows: PayloadRows): Promise<PayloadCounts> {
    const points = rows.accounts.flatMap(({ accountKey, points }) =>
      points.map((point) => ({ accountKey, point })),
    );
    const sleep = rows.accounts.flatMap(({ accountKey, sleep }) =>
      sleep.map((episode) => ({ accountKey, episode })),
    );
    if (points.length === 0 && sleep.length === 0) {
      const none = { written: 0, duplicates: 0 };
      return Promise.resolve({ points: none, sleep: none });
    }
    let unit: WriteUnit;
    let pointCount: number;
    try {
      const forPoints = pointStatements(this.writer.provider, points);
      pointCount = forPoints.length;
      unit = [...forPoints, ...sleepStatements(this.writer.provider, sleep)];
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.pending.push({
        unit,
        pointStatements: pointCount,
        points: points.length,
        sleep: sleep.length,
        resolve,
        reject,
      });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      if (this.pending.length > 0) this.kick();
    });
  }

  private takeBatch(): Pending[] {
    let count = 0;
    let rows = 0;
    while (count < this.pending.length && count < this.maxPayloads) {
      const next = this.pending[count]!;
      if (count > 0 && rows + next.points + next.sleep > this.maxRows) break;
      rows += next.points + next.sleep;
      count++;
    }
    return this.pending.splice(0, count);
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.takeBatch();
      try {
        const results = await this.writer.write(batch.map((item) => item.unit));
        batch.forEach((item, index) => {
          const result = results[index]!;
          if ('error' in result) {
            item.reject(new Error(`payload not stored: ${result.error}`));
            return;
          }
          const points = sum(result.changes.slice(0, item.pointStatements));
          const sleep = sum(result.changes.slice(item.pointStatements));
          item.resolve({
            points: { written: points, duplicates: item.points - points },
            sleep: { written: sleep, duplicates: item.sleep - sleep },
          });
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
  }
}
