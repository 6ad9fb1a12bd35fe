import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { Sensitive } from '../../shared/consent/sensitive';
import {
  VENDOR_PATIENT_REQUIRES,
  type VendorPatientRepresentation,
} from '../../shared/patient/vendor-patient';
import type { WearablesContext } from '../context';
import type { MeasureType } from '../mappers/mapped-types';
import { NORMALISED_UNITS } from '../mappers/mapped-types';
import { BloodPressureSeries, fetchBloodPressure } from '../series/blood-pressure';
import { sourceOf } from '../series/series-fields';
import { parseSeriesRange } from '../series/series-range';
import {
  GlucoseSeries,
  HeartRateSeries,
  OxygenSaturationSeries,
  StepSeries,
} from '../series/series.type';
import { SleepEpisode } from '../sleep/sleep-episode.type';
import { fetchSleepEpisodes } from '../sleep/sleep-query';
import { accountsOfPatient } from './patient-accounts';
import { Patient } from './patient.type';

const BUCKET_DOC = '5m, 1h or 1d; absent for raw points';
const FROM_DOC = 'ISO 8601 date-time with offset; buckets follow its wall clock';
const TO_DOC = 'ISO 8601 date-time with offset (exclusive)';

/**
 * Device series on the global Patient. Fields are nullable so that a consent
 * denial is a null field with a CONSENT_REQUIRED error while the rest of the
 * query resolves. Every field is wearables data under the
 * patient's consent (WEARABLES category): the consent middleware runs before the
 * resolver, which stays thin (validate arguments, find the patient's accounts,
 * hand a query to the series types' own resolvers).
 */
@Resolver(() => Patient)
export class PatientWearablesResolver {
  private async series(
    context: WearablesContext,
    patient: VendorPatientRepresentation,
    type: MeasureType,
    from: string,
    to: string,
    bucket: string | null,
  ) {
    const range = parseSeriesRange(from, to, bucket);
    const accounts = await accountsOfPatient(context, patient);
    return {
      unit: NORMALISED_UNITS[type],
      bucket: range.bucket,
      sources: accounts.map(sourceOf),
      query: { type, range, accounts },
    };
  }

  @FieldResolver(() => HeartRateSeries, {
    nullable: true,
    description: 'Heart rate from wearables (beats/min)',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  heartRate(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Arg('bucket', () => String, { nullable: true, description: BUCKET_DOC }) bucket: string | null,
    @Ctx() context: WearablesContext,
  ): Promise<HeartRateSeries> {
    return this.series(context, patient, 'heart-rate', from, to, bucket);
  }

  @FieldResolver(() => GlucoseSeries, {
    nullable: true,
    description: 'Glucose from CGMs and meters (mg/dL), with consensus CGM metrics',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  glucose(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Arg('bucket', () => String, { nullable: true, description: BUCKET_DOC }) bucket: string | null,
    @Ctx() context: WearablesContext,
  ): Promise<GlucoseSeries> {
    return this.series(context, patient, 'glucose', from, to, bucket);
  }

  @FieldResolver(() => StepSeries, { nullable: true, description: 'Steps counted by wearables' })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  steps(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Arg('bucket', () => String, { nullable: true, description: BUCKET_DOC }) bucket: string | null,
    @Ctx() context: WearablesContext,
  ): Promise<StepSeries> {
    return this.series(context, patient, 'steps', from, to, bucket);
  }

  @FieldResolver(() => OxygenSaturationSeries, {
    nullable: true,
    description: 'SpO2 from wearables (%)',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  oxygenSaturation(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Arg('bucket', () => String, { nullable: true, description: BUCKET_DOC }) bucket: string | null,
    @Ctx() context: WearablesContext,
  ): Promise<OxygenSaturationSeries> {
    return this.series(context, patient, 'oxygen-saturation', from, to, bucket);
  }

  @FieldResolver(() => [SleepEpisode], {
    nullable: true,
    description: 'Sleep episodes overlapping the range',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  async sleep(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Ctx() context: WearablesContext,
  ): Promise<SleepEpisode[]> {
    const range = parseSeriesRange(from, to, null);
    return fetchSleepEpisodes(context.series, await accountsOfPatient(context, patient), range);
  }

  @FieldResolver(() => BloodPressureSeries, {
    nullable: true,
    description: 'Blood pressure from home monitors (mmHg), raw readings',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Wearables)
  async bloodPressure(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { description: FROM_DOC }) from: string,
    @Arg('to', () => String, { description: TO_DOC }) to: string,
    @Ctx() context: WearablesContext,
  ): Promise<BloodPressureSeries> {
    const range = parseSeriesRange(from, to, null);
    return fetchBloodPressure(context.series, await accountsOfPatient(context, patient), range);
  }
}
