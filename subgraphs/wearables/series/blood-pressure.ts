import { Field, Float, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../../shared/errors';
import type { StoredAccount } from '../store';
import { sourceOf } from './series-fields';
import { MAX_RAW_POINTS, type SeriesRange } from './series-range';
import type { SeriesBatcher } from './series-batcher';
import type { PointRow } from './series-queries';
import { WearableSource } from './series.type';

@ObjectType({ description: 'One blood pressure measurement (systolic over diastolic)' })
export class BloodPressureReading {
  @Field(() => String) time!: string;
  @Field(() => String, { nullable: true }) end?: string | null;
  @Field(() => Float, { nullable: true }) systolic?: number | null;
  @Field(() => Float, { nullable: true }) diastolic?: number | null;
  @Field(() => String) vendor!: string;
}

@ObjectType({ description: 'Blood pressure readings (mmHg) from home monitors and wearables' })
export class BloodPressureSeries {
  @Field(() => String) unit!: string;
  @Field(() => [WearableSource]) sources!: WearableSource[];
  @Field(() => [BloodPressureReading]) readings!: BloodPressureReading[];
}

/**
 * Systolic and diastolic are stored as two points of one measurement (same
 * account, same start); they are paired back here. Read through the request's
 * series batcher: one statement per component for every patient of the request.
 */
export async function fetchBloodPressure(
  series: SeriesBatcher,
  accounts: StoredAccount[],
  range: SeriesRange,
): Promise<BloodPressureSeries> {
  const sources = accounts.map(sourceOf);
  if (accounts.length === 0) return { unit: 'mmHg', sources, readings: [] };
  const vendorByKey = new Map(accounts.map((account) => [account.key, account.vendor]));
  const keys = [...vendorByKey.keys()];
  const [systolic, diastolic] = await Promise.all(
    (['blood-pressure-systolic', 'blood-pressure-diastolic'] as const).map((type) =>
      series.points(keys, type, '', range, MAX_RAW_POINTS + 1),
    ),
  );
  if (systolic!.length > MAX_RAW_POINTS || diastolic!.length > MAX_RAW_POINTS) {
    throw new BadUserInputError(
      `More than ${MAX_RAW_POINTS} blood pressure readings in the range: use a shorter range`,
      { argument: 'to', limit: MAX_RAW_POINTS },
    );
  }
  const readings = new Map<string, BloodPressureReading>();
  const add = (row: PointRow, component: 'systolic' | 'diastolic') => {
    const key = `${row.accountKey}:${row.startMs}`;
    let reading = readings.get(key);
    if (!reading) {
      reading = {
        time: row.startIso,
        end: row.endIso,
        systolic: null,
        diastolic: null,
        vendor: vendorByKey.get(row.accountKey) ?? 'unknown',
      };
      readings.set(key, reading);
    }
    reading[component] = row.value;
  };
  // Both lists are in (time, account) order; merging them keeps readings in that order.
  const ordered = [
    ...systolic!.map((row) => ({ row, component: 'systolic' as const })),
    ...diastolic!.map((row) => ({ row, component: 'diastolic' as const })),
  ].sort((a, b) => a.row.startMs - b.row.startMs || a.row.accountKey - b.row.accountKey);
  for (const { row, component } of ordered) add(row, component);
  return { unit: 'mmHg', sources, readings: [...readings.values()] };
}
