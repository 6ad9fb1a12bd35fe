import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept, Coding } from './coding.type';
import { Period } from './period.type';
import { RecordSource } from './record-source.type';
import { Reference } from './reference.type';

@ObjectType({ description: 'Admission and discharge details (FHIR Encounter.hospitalization)' })
@Directive('@shareable')
export class EncounterHospitalization {
  @Field(() => CodeableConcept, { nullable: true }) admitSource?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) dischargeDisposition?: CodeableConcept | null;
}

@ObjectType({ description: 'Where the patient was during an encounter (FHIR Encounter.location)' })
@Directive('@shareable')
export class EncounterLocation {
  @Field(() => Reference) location!: Reference;
  @Field(() => String, { nullable: true }) status?: string | null;
  @Field(() => Period, { nullable: true }) period?: Period | null;
}

/**
 * FHIR R4 Encounter. The FHIR EHR reports these as Encounter resources, the HL7 v2
 * feed as PV1 visits; both map here and `source` tells them apart.
 */
@ObjectType({ description: 'An interaction with a provider (FHIR Encounter)' })
@Directive('@shareable')
export class Encounter {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'planned | arrived | triaged | in-progress | onleave | finished | cancelled | entered-in-error | unknown',
  })
  status!: string;
  @Field(() => Coding, {
    nullable: true,
    description: 'FHIR Encounter.class (v3 ActCode: AMB, IMP, EMER, ...)',
  })
  class?: Coding | null;
  @Field(() => [CodeableConcept]) type!: CodeableConcept[];
  @Field(() => CodeableConcept, { nullable: true }) serviceType?: CodeableConcept | null;
  @Field(() => Period, { nullable: true }) period?: Period | null;
  @Field(() => [CodeableConcept]) reasonCode!: CodeableConcept[];
  @Field(() => EncounterHospitalization, { nullable: true })
  hospitalization?: EncounterHospitalization | null;
  @Field(() => [EncounterLocation]) location!: EncounterLocation[];
  @Field(() => Reference, { nullable: true }) serviceProvider?: Reference | null;
  @Field(() => [Reference], {
    description: 'Practitioners (FHIR Encounter.participant.individual)',
  })
  participant!: Reference[];
  @Field(() => RecordSource) source!: RecordSource;
}
