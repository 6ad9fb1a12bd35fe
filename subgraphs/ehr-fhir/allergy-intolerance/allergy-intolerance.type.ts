import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { RecordSource } from '../../shared/fhir/record-source.type';

@ObjectType({ description: 'An adverse reaction event (FHIR AllergyIntolerance.reaction)' })
@Directive('@shareable')
export class AllergyIntoleranceReaction {
  @Field(() => CodeableConcept, { nullable: true }) substance?: CodeableConcept | null;
  @Field(() => [CodeableConcept]) manifestation!: CodeableConcept[];
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) onset?: string | null;
  @Field(() => String, { nullable: true, description: 'mild | moderate | severe' })
  severity?: string | null;
  @Field(() => CodeableConcept, { nullable: true }) exposureRoute?: CodeableConcept | null;
}

/** FHIR R4 AllergyIntolerance (http://hl7.org/fhir/R4/allergyintolerance.html). */
@ObjectType({ description: 'An allergy or intolerance (FHIR AllergyIntolerance)' })
@Directive('@shareable')
export class AllergyIntolerance {
  @Field(() => ID) id!: string;
  @Field(() => CodeableConcept, { nullable: true, description: 'active | inactive | resolved' })
  clinicalStatus?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) verificationStatus?: CodeableConcept | null;
  @Field(() => String, { nullable: true, description: 'allergy | intolerance' })
  type?: string | null;
  @Field(() => [String], { description: 'food | medication | environment | biologic' })
  category!: string[];
  @Field(() => String, { nullable: true, description: 'low | high | unable-to-assess' })
  criticality?: string | null;
  @Field(() => CodeableConcept, { nullable: true }) code?: CodeableConcept | null;
  @Field(() => String, { nullable: true }) onsetDateTime?: string | null;
  @Field(() => String, { nullable: true }) recordedDate?: string | null;
  @Field(() => String, { nullable: true }) lastOccurrence?: string | null;
  @Field(() => [AllergyIntoleranceReaction]) reaction!: AllergyIntoleranceReaction[];
  @Field(() => [String]) note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
