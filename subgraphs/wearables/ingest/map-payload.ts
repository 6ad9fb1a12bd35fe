import { dexcomEgvsToPoints } from '../mappers/dexcom-egvs-to-points';
import { fitbitHeartToPoints } from '../mappers/fitbit-heart-to-points';
import { fitbitSleepToEpisodes } from '../mappers/fitbit-sleep-to-episodes';
import { fitbitStepsToPoints } from '../mappers/fitbit-steps-to-points';
import { googleFitToPoints } from '../mappers/googlefit-to-points';
import { iHealthToPoints } from '../mappers/ihealth-to-points';
import { emptyMapping, type MappingResult } from '../mappers/mapped-types';
import { omhDataPointsToPoints, type OmhBodySchema } from '../mappers/omh-data-point-to-points';
import type { ZoneSpec } from '../mappers/time';
import { withingsToPoints } from '../mappers/withings-to-points';
import type { Vendor } from '../vendors';
import type { WearablePayloadKind } from './payload-kind';

export type DataPayloadKind = Exclude<WearablePayloadKind, 'enrollment'>;

export function vendorOfKind(kind: DataPayloadKind): Vendor {
  if (kind.startsWith('fitbit')) return 'fitbit';
  if (kind === 'dexcom-egvs') return 'dexcom';
  return kind as Vendor;
}

function rejectWhole(reason: string): MappingResult {
  const result = emptyMapping();
  result.rejected.push({ location: '$', reason });
  return result;
}

/** Runs the mapper for a payload kind. Pure: the zone is resolved by the caller. */
export function mapPayload(
  kind: DataPayloadKind,
  payload: unknown,
  zone: ZoneSpec | null,
  omhSchema: OmhBodySchema | null,
): MappingResult {
  switch (kind) {
    case 'fitbit-heart':
      return fitbitHeartToPoints(payload, zone);
    case 'fitbit-steps':
      return fitbitStepsToPoints(payload, zone);
    case 'fitbit-sleep':
      return fitbitSleepToEpisodes(payload, zone);
    case 'dexcom-egvs':
      return dexcomEgvsToPoints(payload, zone);
    case 'omh':
      return omhDataPointsToPoints(payload, zone ?? { utcOffset: 'Z' }, omhSchema);
    case 'fitbit-activities':
      return rejectWhole(
        'Fitbit activity logs carry no date of their own for the daily summary and no series this subgraph stores; send activities/steps (intraday or time series) instead',
      );
    case 'fitbit-body':
      return rejectWhole('Fitbit body logs (weight, fat, BMI) are not wearable series here');
    case 'googlefit':
      return googleFitToPoints(payload, zone);
    case 'ihealth':
      return iHealthToPoints(payload, zone);
    case 'withings':
      return withingsToPoints(payload, zone);
  }
}
