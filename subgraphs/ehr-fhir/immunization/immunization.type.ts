import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { Quantity } from '../../shared/fhir/quantity.type';
import { RecordSource } from '../../shared/fhir/record-source.type';
import { Reference } from '../../shared/fhir/reference.type';

/** FHIR R4 Immunization (http://hl7.org/fhir/R4/immunization.html); vaccineCode keeps its CVX codings. */
@ObjectType({ description: 'A vaccination given or reported (FHIR Immunization)' })
@Directive('@shareable')
export class Immunization {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'completed | entered-in-error | not-done' })
  status!: string;
  @Field(() => CodeableConcept, { nullable: true }) statusReason?: CodeableConcept | null;
  @Field(() => CodeableConcept) vaccineCode!: CodeableConcept;
  @Field(() => String, { nullable: true }) occurrenceDateTime?: string | null;
  @Field(() => String, { nullable: true }) occurrenceString?: string | null;
  @Field(() => String, { nullable: true }) recorded?: string | null;
  @Field(() => Boolean, { nullable: true }) primarySource?: boolean | null;
  @Field(() => String, { nullable: true }) lotNumber?: string | null;
  @Field(() => String, { nullable: true }) expirationDate?: string | null;
  @Field(() => CodeableConcept, { nullable: true }) site?: CodeableConcept | null;
  @Field(() => CodeableConcept, { nullable: true }) route?: CodeableConcept | null;
  @Field(() => Quantity, { nullable: true }) doseQuantity?: Quantity | null;
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => [String]) note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
