import { Arg, Ctx, Directive, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import {
  OBSERVATION_CATEGORIES,
  observationConsentCategory,
} from '../../shared/consent/observation-category';
import { Sensitive } from '../../shared/consent/sensitive';
import { Encounter } from '../../shared/fhir/encounter.type';
import { Observation } from '../../shared/fhir/observation.type';
import {
  VENDOR_PATIENT_REQUIRES,
  type VendorPatientRepresentation,
} from '../../shared/patient/vendor-patient';
import { AllergyIntolerance } from '../allergy-intolerance/allergy-intolerance.type';
import { Condition } from '../condition/condition.type';
import type { EhrFhirContext } from '../context';
import { DiagnosticReport } from '../diagnostic-report/diagnostic-report.type';
import { Immunization } from '../immunization/immunization.type';
import { fhirAllergyIntoleranceToAllergyIntolerance } from '../mappers/fhir-allergy-intolerance-to-allergy-intolerance';
import { fhirConditionToCondition } from '../mappers/fhir-condition-to-condition';
import { fhirDiagnosticReportToDiagnosticReport } from '../mappers/fhir-diagnostic-report-to-diagnostic-report';
import { fhirEncounterToEncounter } from '../mappers/fhir-encounter-to-encounter';
import { fhirImmunizationToImmunization } from '../mappers/fhir-immunization-to-immunization';
import { fhirMedicationRequestToMedicationRequest } from '../mappers/fhir-medication-request-to-medication-request';
import { fhirObservationToObservation } from '../mappers/fhir-observation-to-observation';
import { fhirProcedureToProcedure } from '../mappers/fhir-procedure-to-procedure';
import { MedicationRequest } from '../medication-request/medication-request.type';
import { Procedure } from '../procedure/procedure.type';
import type { TokenFilter } from '../records/record-query';
import { EhrPatient } from './patient.type';
import { patientRecords } from './patient-records';
import { checkFirst, checkRange, dateArg, textArg, tokenArg } from './record-args';

type Root_ = VendorPatientRepresentation;

function dates(from: string | null, to: string | null) {
  const range = { from: dateArg(from, 'from'), to: dateArg(to, 'to') };
  checkRange(range.from, range.to);
  return range;
}

function tokens(...filters: (TokenFilter | null)[]): TokenFilter[] {
  return filters.filter((t): t is TokenFilter => t !== null);
}

/**
 * The EHR's contributions to Patient. Each field is thin (arguments -> records
 * service -> mapper) so a field middleware (consent) can wrap it; each record keeps
 * its codes, from which its sensitivity is derived.
 */
@Resolver(() => EhrPatient)
export class EhrPatientResolver {
  @FieldResolver(() => [Encounter], {
    nullable: true,
    description: 'Encounters in the EHR, newest first; from/to overlap the period',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Encounters, { records: true })
  encounters(
    @Root() patient: Root_,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<Encounter[]> {
    const filter = {
      resourceType: 'Encounter',
      ...dates(from, to),
      overlap: true,
      first: checkFirst(first),
    };
    return patientRecords(context, patient, filter, fhirEncounterToEncounter);
  }

  @FieldResolver(() => [Condition], {
    nullable: true,
    description: 'Problems and diagnoses, newest onset first',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Conditions, { records: true })
  conditions(
    @Root() patient: Root_,
    @Arg('clinicalStatus', () => String, { nullable: true, description: 'e.g. active, resolved' })
    clinicalStatus: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<Condition[]> {
    const filter = {
      resourceType: 'Condition',
      tokens: tokens(
        tokenArg(textArg(clinicalStatus, 'clinicalStatus'), 'clinical-status', 'clinicalStatus'),
      ),
      first: checkFirst(first),
    };
    return patientRecords(context, patient, filter, fhirConditionToCondition);
  }

  @FieldResolver(() => [Observation], {
    nullable: true,
    description:
      'Vital signs, labs and social history, newest first. `code` and `category` take a code or a FHIR token system|code',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(OBSERVATION_CATEGORIES, { recordCategory: observationConsentCategory })
  observations(
    @Root() patient: Root_,
    @Arg('category', () => String, { nullable: true }) category: string | null,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<Observation[]> {
    const filter = {
      resourceType: 'Observation',
      tokens: tokens(tokenArg(category, 'category', 'category'), tokenArg(code, 'code', 'code')),
      ...dates(from, to),
      first: checkFirst(first),
    };
    return patientRecords(context, patient, filter, fhirObservationToObservation);
  }

  @FieldResolver(() => [MedicationRequest], {
    nullable: true,
    description: 'Medication orders, newest first',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Medications, { records: true })
  medications(
    @Root() patient: Root_,
    @Arg('status', () => String, { nullable: true, description: 'e.g. active, stopped' })
    status: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<MedicationRequest[]> {
    const filter = {
      resourceType: 'MedicationRequest',
      status: textArg(status, 'status'),
      first: checkFirst(first),
    };
    return patientRecords(context, patient, filter, fhirMedicationRequestToMedicationRequest);
  }

  @FieldResolver(() => [AllergyIntolerance], {
    nullable: true,
    description: 'Allergies and intolerances',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Allergies, { records: true })
  allergies(
    @Root() patient: Root_,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<AllergyIntolerance[]> {
    const filter = { resourceType: 'AllergyIntolerance', first: checkFirst(first) };
    return patientRecords(context, patient, filter, fhirAllergyIntoleranceToAllergyIntolerance);
  }

  @FieldResolver(() => [Immunization], {
    nullable: true,
    description: 'Vaccinations, newest first',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Medications, { records: true })
  immunizations(
    @Root() patient: Root_,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<Immunization[]> {
    const filter = { resourceType: 'Immunization', first: checkFirst(first) };
    return patientRecords(context, patient, filter, fhirImmunizationToImmunization);
  }

  @FieldResolver(() => [Procedure], {
    nullable: true,
    description: 'Procedures, newest first',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Conditions, { records: true })
  procedures(
    @Root() patient: Root_,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<Procedure[]> {
    const filter = { resourceType: 'Procedure', ...dates(from, to), first: checkFirst(first) };
    return patientRecords(context, patient, filter, fhirProcedureToProcedure);
  }

  @FieldResolver(() => [DiagnosticReport], {
    nullable: true,
    description: 'Diagnostic reports, newest first',
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Labs, { records: true })
  diagnosticReports(
    @Root() patient: Root_,
    @Arg('category', () => String, { nullable: true }) category: string | null,
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Arg('from', () => String, { nullable: true }) from: string | null,
    @Arg('to', () => String, { nullable: true }) to: string | null,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: EhrFhirContext,
  ): Promise<DiagnosticReport[]> {
    const filter = {
      resourceType: 'DiagnosticReport',
      tokens: tokens(tokenArg(category, 'category', 'category'), tokenArg(code, 'code', 'code')),
      ...dates(from, to),
      first: checkFirst(first),
    };
    return patientRecords(context, patient, filter, fhirDiagnosticReportToDiagnosticReport);
  }
}
