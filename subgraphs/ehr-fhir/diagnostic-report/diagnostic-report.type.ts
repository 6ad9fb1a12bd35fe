import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { Period } from '../../shared/fhir/period.type';
import { RecordSource } from '../../shared/fhir/record-source.type';
import { Reference } from '../../shared/fhir/reference.type';

/** FHIR R4 DiagnosticReport (http://hl7.org/fhir/R4/diagnosticreport.html). */
@ObjectType({ description: 'The findings of a set of diagnostic tests (FHIR DiagnosticReport)' })
@Directive('@shareable')
export class DiagnosticReport {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'registered | partial | preliminary | final | amended | corrected | appended | cancelled | entered-in-error | unknown',
  })
  status!: string;
  @Field(() => [CodeableConcept]) category!: CodeableConcept[];
  @Field(() => CodeableConcept) code!: CodeableConcept;
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => String, { nullable: true }) effectiveDateTime?: string | null;
  @Field(() => Period, { nullable: true }) effectivePeriod?: Period | null;
  @Field(() => String, { nullable: true }) issued?: string | null;
  @Field(() => [Reference]) performer!: Reference[];
  @Field(() => [Reference], { description: 'The Observations of this report (as references)' })
  result!: Reference[];
  @Field(() => String, { nullable: true }) conclusion?: string | null;
  @Field(() => [CodeableConcept]) conclusionCode!: CodeableConcept[];
  @Field(() => RecordSource) source!: RecordSource;
}
