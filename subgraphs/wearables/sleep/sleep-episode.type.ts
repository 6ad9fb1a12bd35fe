import { Field, Float, Int, ObjectType } from 'type-graphql';
import { WearableSource } from '../series/series.type';

@ObjectType({ description: 'Minutes spent in one sleep stage or level' })
export class SleepStage {
  @Field(() => String, {
    description:
      'As the vendor names it: deep, light, rem, wake (stages) or asleep, restless, awake',
  })
  level!: string;
  @Field(() => Float) minutes!: number;
  @Field(() => Int, { nullable: true, description: 'How many times the level was entered' })
  count?: number | null;
}

@ObjectType({ description: 'A stretch of one sleep level' })
export class SleepSegment {
  @Field(() => String) start!: string;
  @Field(() => String) level!: string;
  @Field(() => Int) seconds!: number;
}

@ObjectType({ description: 'One sleep (a night, or a nap), as the device recorded it' })
export class SleepEpisode {
  @Field(() => String, { description: 'ISO 8601 with the offset of the place slept in' })
  start!: string;
  @Field(() => String) end!: string;
  @Field(() => Float, { description: 'Time from start to end' }) durationMinutes!: number;
  @Field(() => Float, { nullable: true }) minutesAsleep?: number | null;
  @Field(() => Float, { nullable: true }) minutesAwake?: number | null;
  @Field(() => Float, {
    nullable: true,
    description: 'Sleep efficiency as the vendor computed it, %',
  })
  efficiency?: number | null;
  @Field(() => Boolean, { nullable: true, description: "The day's main sleep (not a nap)" })
  isMainSleep?: boolean | null;
  @Field(() => [SleepStage]) stages!: SleepStage[];
  @Field(() => [SleepSegment]) segments!: SleepSegment[];
  @Field(() => WearableSource) source!: WearableSource;
}
