import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { Sensitive } from '../../shared/consent/sensitive';
import { Encounter } from '../../shared/fhir/encounter.type';
import { Observation } from '../../shared/fhir/observation.type';
import {
  VENDOR_PATIENT_REQUIRES,
  type VendorPatientRepresentation,
} from '../../shared/patient/vendor-patient';
import type { Hl7Context } from '../context';
import { Hl7VendorPatient } from './patient.type';
import { parseCodeFilter, parseWindow } from './record-filters';

/**
 * What the HL7 v2 feed knows about a patient. Resolvers stay thin: check the
 * arguments, then ask the per-request loaders (one store query per field per
 * batch of patients). Both fields are @Sensitive: the consent middleware checks
 * the field's category, then each record's own codes (an HIV result is withheld
 * without HIV consent), which is why records keep every code the feed sent.
 */
@Resolver(() => Hl7VendorPatient)
export class PatientRecordsResolver {
  @FieldResolver(() => [Observation], {
    nullable: true,
    description:
      'Lab results from the hospital HL7 v2 feed (ORU^R01 OBX), newest first. `code` is a code or `system|code`; `from`/`to` are FHIR dates or dateTimes.',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Labs, { records: true })
  labResults(
    @Root() patient: VendorPatientRepresentation,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: Hl7Context,
  ): Promise<Observation[]> {
    const args = { code: code ?? null, from: from ?? null, to: to ?? null, first: first ?? 100 };
    parseWindow(args);
    parseCodeFilter(args.code);
    return context.labResults.load({ patient, args });
  }

  @FieldResolver(() => [Encounter], {
    nullable: true,
    description:
      'Hospital visits from the HL7 v2 ADT feed (PV1), latest admission first; `from`/`to` select visits overlapping that time.',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Encounters, { records: true })
  visits(
    @Root() patient: VendorPatientRepresentation,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() context: Hl7Context,
  ): Promise<Encounter[]> {
    const args = { from: from ?? null, to: to ?? null, first: first ?? 100 };
    parseWindow(args);
    return context.visits.load({ patient, args });
  }
}
