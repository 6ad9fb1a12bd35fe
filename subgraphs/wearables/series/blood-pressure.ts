import { Field, Float, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../../shared/errors';
import type { StoredAccount, WearablesStore } from '../store';
import { sourceOf } from './series-fields';
import { MAX_RAW_POINTS, type SeriesRange } from './series-range';
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
 * account, same start); they are paired back here.
 */
export async function fetchBloodPressure(
  store: WearablesStore,
  accounts: StoredAccount[],
  range: SeriesRange,
): Promise<BloodPressureSeries> {
  const sources = accounts.map(sourceOf);
  if (accounts.length === 0) return { unit: 'mmHg', sources, readings: [] };
  const vendorByKey = new Map(accounts.map((account) => [account.key, account.vendor]));
  const rows = await store.wearablePoint.findMany({
    where: {
      accountKey: { in: [...vendorByKey.keys()] },
      type: { in: ['blood-pressure-systolic', 'blood-pressure-diastolic'] },
      statistic: '',
      startMs: { gte: BigInt(range.fromMs), lt: BigInt(range.toMs) },
    },
    orderBy: [{ startMs: 'asc' }, { accountKey: 'asc' }],
    take: 2 * MAX_RAW_POINTS + 1,
  });
  if (rows.length > 2 * MAX_RAW_POINTS) {
    throw new BadUserInputError(
      `More than ${MAX_RAW_POINTS} blood pressure readings in the range: use a shorter range`,
      { argument: 'to', limit: MAX_RAW_POINTS },
    );
  }
  const readings = new Map<string, BloodPressureReading>();
  for (const row of rows) {
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
    if (row.type === 'blood-pressure-systolic') reading.systolic = row.value;
    else reading.diastolic = row.value;
  }
  return { unit: 'mmHg', sources, readings: [...readings.values()] };
}
