import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { Period } from '../../shared/fhir/period.type';
import { RecordSource } from '../../shared/fhir/record-source.type';
import { Reference } from '../../shared/fhir/reference.type';

/** FHIR R4 Procedure (http://hl7.org/fhir/R4/procedure.html). */
@ObjectType({ description: 'An action performed on or for a patient (FHIR Procedure)' })
@Directive('@shareable')
export class Procedure {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'preparation | in-progress | not-done | on-hold | stopped | completed | entered-in-error | unknown',
  })
  status!: string;
  @Field(() => CodeableConcept, { nullable: true }) statusReason?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) category?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) code?: CodeableConcept | null;
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => String, { nullable: true }) performedDateTime?: string | null;
  @Field(() => Period, { nullable: true }) performedPeriod?: Period | null;
  @Field(() => [CodeableConcept]) reasonCode!: CodeableConcept[];
  @Field(() => [Reference]) reasonReference!: Reference[];
  @Field(() => [CodeableConcept]) bodySite!: CodeableConcept[];
  @Field(() => CodeableConcept, { nullable: true }) outcome?: CodeableConcept | null;
  @Field(() => [String]) note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
