import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { Period } from '../../shared/fhir/period.type';
import { RecordSource } from '../../shared/fhir/record-source.type';
import { Reference } from '../../shared/fhir/reference.type';

/**
 * FHIR R4 Condition (http://hl7.org/fhir/R4/condition.html), field names as in FHIR.
 * `code` keeps every coding (SNOMED CT and ICD-10-CM side by side): record-level
 * sensitivity is derived from them. @shareable so another vendor subgraph may
 * report conditions under the same type.
 */
@ObjectType({ description: 'A problem, diagnosis or health concern (FHIR Condition)' })
@Directive('@shareable')
export class Condition {
  @Field(() => ID) id!: string;
  @Field(() => CodeableConcept, {
    nullable: true,
    description: 'active | recurrence | relapse | inactive | remission | resolved',
  })
  clinicalStatus?: CodeableConcept | null;
  @Field(() => CodeableConcept, {
    nullable: true,
    description:
      'unconfirmed | provisional | differential | confirmed | refuted | entered-in-error',
  })
  verificationStatus?: CodeableConcept | null;
  @Field(() => [CodeableConcept]) category!: CodeableConcept[];
  @Field(() => CodeableConcept, { nullable: true }) severity?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) code?: CodeableConcept | null;
  @Field(() => [CodeableConcept]) bodySite!: CodeableConcept[];
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => String, { nullable: true }) onsetDateTime?: string | null;
  @Field(() => Period, { nullable: true }) onsetPeriod?: Period | null;
  @Field(() => String, { nullable: true }) onsetString?: string | null;
  @Field(() => String, { nullable: true }) abatementDateTime?: string | null;
  @Field(() => String, { nullable: true }) recordedDate?: string | null;
  @Field(() => [String], { description: 'Free-text notes (FHIR Condition.note.text)' })
  note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
