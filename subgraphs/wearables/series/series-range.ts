import { BadUserInputError } from '../../shared/errors';
import { formatInstant, parseOffsetDateTime } from '../mappers/time';

export const BUCKET_SIZES = { '5m': 300_000, '1h': 3_600_000, '1d': 86_400_000 } as const;
export type BucketName = keyof typeof BUCKET_SIZES;

/** Longest range one query may span (a leap year of data plus margin). */
export const MAX_RANGE_DAYS = 400;
/** Most buckets one series may return (5-minute buckets: about 34 days). */
export const MAX_BUCKETS = 10_000;
/** Most raw points one series may return; more needs a bucket. */
export const MAX_RAW_POINTS = 10_000;

export interface SeriesRange {
  fromMs: number;
  toMs: number;
  /** Offset of `from`: buckets follow that wall clock, and their bounds are shown in it. */
  offsetMinutes: number;
  bucket: BucketName | null;
  bucketMs: number | null;
  /** Start of the bucket holding `from`, aligned to the wall clock of `from`'s offset. */
  originMs: number | null;
}

function isBucketName(value: string): value is BucketName {
  return value in BUCKET_SIZES;
}

/**
 * Validates `from`/`to`/`bucket` arguments: ISO 8601 date-times with an offset
 * (a time without one is ambiguous for a patient's day), from before to, at most
 * MAX_RANGE_DAYS apart, and a bucket of 5m, 1h or 1d giving at most MAX_BUCKETS.
 */
export function parseSeriesRange(
  from: string,
  to: string,
  bucket: string | null | undefined,
): SeriesRange {
  const start = parseOffsetDateTime(from);
  if (!start) {
    throw new BadUserInputError(
      'from must be an ISO 8601 date-time with an offset, e.g. 2026-11-01T00:00:00-05:00',
      { argument: 'from' },
    );
  }
  const end = parseOffsetDateTime(to);
  if (!end) {
    throw new BadUserInputError(
      'to must be an ISO 8601 date-time with an offset, e.g. 2026-11-08T00:00:00-05:00',
      { argument: 'to' },
    );
  }
  if (end.ms <= start.ms) throw new BadUserInputError('from must be before to', { argument: 'to' });
  if (end.ms - start.ms > MAX_RANGE_DAYS * 86_400_000) {
    throw new BadUserInputError(`from and to may be at most ${MAX_RANGE_DAYS} days apart`, {
      argument: 'to',
      maxDays: MAX_RANGE_DAYS,
    });
  }
  if (bucket == null) {
    return {
      fromMs: start.ms,
      toMs: end.ms,
      offsetMinutes: start.offsetMinutes,
      bucket: null,
      bucketMs: null,
      originMs: null,
    };
  }
  if (!isBucketName(bucket)) {
    throw new BadUserInputError('bucket must be 5m, 1h or 1d (or absent for raw points)', {
      argument: 'bucket',
    });
  }
  const size = BUCKET_SIZES[bucket];
  const offsetMs = start.offsetMinutes * 60_000;
  const originMs = Math.floor((start.ms + offsetMs) / size) * size - offsetMs;
  const buckets = Math.ceil((end.ms - originMs) / size);
  if (buckets > MAX_BUCKETS) {
    throw new BadUserInputError(
      `${buckets} buckets of ${bucket} exceed the limit of ${MAX_BUCKETS}: use a larger bucket or a shorter range`,
      { argument: 'bucket', maxBuckets: MAX_BUCKETS },
    );
  }
  return {
    fromMs: start.ms,
    toMs: end.ms,
    offsetMinutes: start.offsetMinutes,
    bucket,
    bucketMs: size,
    originMs,
  };
}

/** Bounds of bucket number `index`, as ISO strings in the range's offset. */
export function bucketBounds(range: SeriesRange, index: number): { start: string; end: string } {
  const startMs = range.originMs! + index * range.bucketMs!;
  return {
    start: formatInstant(startMs, range.offsetMinutes),
    end: formatInstant(startMs + range.bucketMs!, range.offsetMinutes),
  };
}
