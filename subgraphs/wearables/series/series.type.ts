import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { MeasureType } from '../mappers/mapped-types';
import type { StoredAccount } from '../store';
import type { SeriesRange } from './series-range';

@ObjectType({ description: 'The vendor account a series (or part of one) came from' })
export class WearableSource {
  @Field(() => String, { description: 'fitbit, dexcom, googlefit, ihealth, withings or omh' })
  vendor!: string;
  @Field(() => String, { description: 'The account id at the vendor (user id, device serial)' })
  accountId!: string;
  @Field(() => String, { description: 'The identifier system the account id belongs to' })
  system!: string;
}

@ObjectType({ description: 'One measurement as the device reported it' })
export class WearablePoint {
  @Field(() => String, { description: 'ISO 8601 time with the offset it was measured at' })
  time!: string;
  @Field(() => String, { nullable: true, description: 'End of an interval measurement' })
  end?: string | null;
  @Field(() => Float, { description: "Value in the series' unit" })
  value!: number;
  @Field(() => Float, { description: 'Value as the vendor sent it' })
  originalValue!: number;
  @Field(() => String, { description: 'Unit as the vendor sent it' })
  originalUnit!: string;
  @Field(() => String) vendor!: string;
}

@ObjectType({ description: 'Statistics of the measurements that started within one bucket' })
export class WearableBucket {
  @Field(() => String, { description: "Bucket start, in the offset of the query's `from`" })
  start!: string;
  @Field(() => String) end!: string;
  @Field(() => Float) min!: number;
  @Field(() => Float) max!: number;
  @Field(() => Float) mean!: number;
  @Field(() => Int, { description: 'Measurements in the bucket' }) count!: number;
}

@ObjectType({ description: 'Steps counted in the intervals that started within one bucket' })
export class StepBucket {
  @Field(() => String) start!: string;
  @Field(() => String) end!: string;
  @Field(() => Float, { description: 'Steps in the bucket' }) sum!: number;
  @Field(() => Int, { description: 'Counting intervals in the bucket' }) count!: number;
  @Field(() => Float, { description: 'Most steps in one interval' }) max!: number;
}

/** What series field resolvers need: the patient's accounts, the type and the range. */
export interface SeriesQuery {
  type: MeasureType;
  range: SeriesRange;
  accounts: StoredAccount[];
}

@ObjectType({ description: 'Shared fields of the series types (not in the schema itself)' })
abstract class SeriesBase {
  @Field(() => String, { description: 'Unit of every value and bucket statistic' })
  unit!: string;
  @Field(() => String, { nullable: true, description: '5m, 1h, 1d, or null for raw points' })
  bucket?: string | null;
  @Field(() => [WearableSource], { description: "The patient's accounts the series reads" })
  sources!: WearableSource[];
  /** Not in the schema: carried to the field resolvers of `points` and `buckets`. */
  query!: SeriesQuery;
}

@ObjectType({ description: 'Heart rate (beats/min); raw points without `bucket`, else buckets' })
export class HeartRateSeries extends SeriesBase {}

@ObjectType({
  description: 'Oxygen saturation (SpO2, %); raw points without `bucket`, else buckets',
})
export class OxygenSaturationSeries extends SeriesBase {}

@ObjectType({
  description: 'CGM or meter glucose (mg/dL); raw points without `bucket`, else buckets',
})
export class GlucoseSeries extends SeriesBase {}

@ObjectType({ description: 'Step counts; raw counting intervals without `bucket`, else sums' })
export class StepSeries extends SeriesBase {}

@ObjectType({ description: 'A value for one day (resting heart rate, daily step total)' })
export class WearableDailyValue {
  @Field(() => String) start!: string;
  @Field(() => String, { nullable: true }) end?: string | null;
  @Field(() => Float) value!: number;
  @Field(() => String) vendor!: string;
}

@ObjectType({
  description:
    'Consensus CGM metrics for the range (Battelino et al., Diabetes Care 2019), computed by the database',
})
export class CgmMetrics {
  @Field(() => String, { description: 'Unit of mean glucose and standard deviation (mg/dL)' })
  unit!: string;
  @Field(() => Int, { description: 'Readings the metrics rest on' }) readings!: number;
  @Field(() => Float, { description: 'Readings against one per 5 minutes over the range, %' })
  coveragePercent!: number;
  @Field(() => Float, { nullable: true }) meanGlucose?: number | null;
  @Field(() => Float, { nullable: true, description: 'Sample standard deviation, mg/dL' })
  standardDeviation?: number | null;
  @Field(() => Float, { nullable: true, description: 'CV = SD / mean x 100, %' })
  coefficientOfVariation?: number | null;
  @Field(() => Float, { nullable: true, description: 'Glucose management indicator, %' })
  gmi?: number | null;
  @Field(() => Float, { nullable: true, description: '% of readings 70-180 mg/dL' })
  timeInRange?: number | null;
  @Field(() => Float, { nullable: true, description: '% of readings below 70 mg/dL' })
  timeBelow70?: number | null;
  @Field(() => Float, { nullable: true, description: '% of readings below 54 mg/dL' })
  timeBelow54?: number | null;
  @Field(() => Float, { nullable: true, description: '% of readings above 180 mg/dL' })
  timeAbove180?: number | null;
  @Field(() => Float, { nullable: true, description: '% of readings above 250 mg/dL' })
  timeAbove250?: number | null;
}
