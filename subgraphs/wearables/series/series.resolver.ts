import { Ctx, FieldResolver, Float, Resolver, Root } from 'type-graphql';
import type { WearablesContext } from '../context';
import {
  seriesBuckets,
  seriesCgmMetrics,
  seriesDaily,
  seriesPoints,
  seriesTotal,
} from './series-fields';
import {
  CgmMetrics,
  GlucoseSeries,
  HeartRateSeries,
  OxygenSaturationSeries,
  StepBucket,
  StepSeries,
  WearableBucket,
  WearableDailyValue,
  WearablePoint,
} from './series.type';

@Resolver(() => HeartRateSeries)
export class HeartRateSeriesResolver {
  @FieldResolver(() => [WearablePoint], { description: 'Raw readings (when no bucket is given)' })
  points(@Root() series: HeartRateSeries, @Ctx() context: WearablesContext) {
    return seriesPoints(context, series.query);
  }

  @FieldResolver(() => [WearableBucket], {
    description: 'Bucket statistics (when a bucket is given)',
  })
  buckets(@Root() series: HeartRateSeries, @Ctx() context: WearablesContext) {
    return seriesBuckets(context, series.query);
  }

  @FieldResolver(() => [WearableDailyValue], {
    description: 'Daily resting heart rate, when the vendor computes one',
  })
  resting(@Root() series: HeartRateSeries, @Ctx() context: WearablesContext) {
    return seriesDaily(context, series.query, 'resting');
  }
}

@Resolver(() => OxygenSaturationSeries)
export class OxygenSaturationSeriesResolver {
  @FieldResolver(() => [WearablePoint])
  points(@Root() series: OxygenSaturationSeries, @Ctx() context: WearablesContext) {
    return seriesPoints(context, series.query);
  }

  @FieldResolver(() => [WearableBucket])
  buckets(@Root() series: OxygenSaturationSeries, @Ctx() context: WearablesContext) {
    return seriesBuckets(context, series.query);
  }
}

@Resolver(() => GlucoseSeries)
export class GlucoseSeriesResolver {
  @FieldResolver(() => [WearablePoint], { description: 'Raw readings (when no bucket is given)' })
  points(@Root() series: GlucoseSeries, @Ctx() context: WearablesContext) {
    return seriesPoints(context, series.query);
  }

  @FieldResolver(() => [WearableBucket], {
    description: 'Bucket statistics (when a bucket is given)',
  })
  buckets(@Root() series: GlucoseSeries, @Ctx() context: WearablesContext) {
    return seriesBuckets(context, series.query);
  }

  @FieldResolver(() => CgmMetrics, { description: 'CGM metrics over the whole range' })
  metrics(@Root() series: GlucoseSeries, @Ctx() context: WearablesContext) {
    return seriesCgmMetrics(context, series.query);
  }
}

@Resolver(() => StepSeries)
export class StepSeriesResolver {
  @FieldResolver(() => [WearablePoint], {
    description: 'Counting intervals (when no bucket is given)',
  })
  points(@Root() series: StepSeries, @Ctx() context: WearablesContext) {
    return seriesPoints(context, series.query);
  }

  @FieldResolver(() => [StepBucket], {
    description: 'Step sums per bucket (when a bucket is given)',
  })
  async buckets(
    @Root() series: StepSeries,
    @Ctx() context: WearablesContext,
  ): Promise<StepBucket[]> {
    const buckets = await seriesBuckets(context, series.query);
    return buckets.map(({ start, end, sum, count, max }) => ({ start, end, sum, count, max }));
  }

  @FieldResolver(() => Float, { description: 'Steps counted in the range (intraday intervals)' })
  total(@Root() series: StepSeries, @Ctx() context: WearablesContext): Promise<number> {
    return seriesTotal(context, series.query);
  }

  @FieldResolver(() => [WearableDailyValue], {
    description: 'Daily totals as the vendor reported them',
  })
  dailyTotals(@Root() series: StepSeries, @Ctx() context: WearablesContext) {
    return seriesDaily(context, series.query, 'sum');
  }
}
