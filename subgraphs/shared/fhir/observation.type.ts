import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CodeableConcept } from './coding.type';
import { Period } from './period.type';
import { ObservationReferenceRange, Quantity, Range, Ratio } from './quantity.type';
import { RecordSource } from './record-source.type';
import { Reference } from './reference.type';

/** FHIR R4 Observation.component: one part of a multi-part result (BP systolic/diastolic). */
@ObjectType({ description: 'One component of an observation (FHIR Observation.component)' })
@Directive('@shareable')
export class ObservationComponent {
  @Field(() => CodeableConcept) code!: CodeableConcept;
  @Field(() => Quantity, { nullable: true }) valueQuantity?: Quantity | null;
  @Field(() => CodeableConcept, { nullable: true }) valueCodeableConcept?: CodeableConcept | null;
  @Field(() => String, { nullable: true }) valueString?: string | null;
  @Field(() => [CodeableConcept]) interpretation!: CodeableConcept[];
  @Field(() => [ObservationReferenceRange]) referenceRange!: ObservationReferenceRange[];
}

/**
 * FHIR R4 Observation (vital signs, labs, social history). Shared by every subgraph
 * that reports observations, so the same fields read the same whichever vendor a
 * result came from; `source` says which.
 */
@ObjectType({ description: 'A measurement or assertion (FHIR Observation)' })
@Directive('@shareable')
export class Observation {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'registered | preliminary | final | amended | corrected | cancelled | entered-in-error | unknown',
  })
  status!: string;
  @Field(() => [CodeableConcept]) category!: CodeableConcept[];
  @Field(() => CodeableConcept) code!: CodeableConcept;
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => String, { nullable: true }) effectiveDateTime?: string | null;
  @Field(() => Period, { nullable: true }) effectivePeriod?: Period | null;
  @Field(() => String, { nullable: true }) issued?: string | null;
  @Field(() => Quantity, { nullable: true }) valueQuantity?: Quantity | null;
  @Field(() => CodeableConcept, { nullable: true }) valueCodeableConcept?: CodeableConcept | null;
  @Field(() => String, { nullable: true }) valueString?: string | null;
  @Field(() => Boolean, { nullable: true }) valueBoolean?: boolean | null;
  @Field(() => Int, { nullable: true }) valueInteger?: number | null;
  @Field(() => Range, { nullable: true }) valueRange?: Range | null;
  @Field(() => Ratio, { nullable: true }) valueRatio?: Ratio | null;
  @Field(() => String, { nullable: true }) valueDateTime?: string | null;
  @Field(() => CodeableConcept, { nullable: true }) dataAbsentReason?: CodeableConcept | null;
  @Field(() => [CodeableConcept]) interpretation!: CodeableConcept[];
  @Field(() => [ObservationReferenceRange]) referenceRange!: ObservationReferenceRange[];
  @Field(() => [ObservationComponent]) component!: ObservationComponent[];
  @Field(() => [String], { description: 'Free-text notes (FHIR Observation.note.text)' })
  note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
