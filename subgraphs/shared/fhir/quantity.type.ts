import { Directive, Field, Float, ObjectType } from 'type-graphql';
import { CodeableConcept } from './coding.type';

/** FHIR R4 Quantity: value with UCUM unit code and a comparator for "<5" style results. */
@ObjectType({ description: 'A measured amount (FHIR Quantity)' })
@Directive('@shareable')
export class Quantity {
  @Field(() => Float, { nullable: true }) value?: number | null;
  @Field(() => String, { nullable: true, description: '<, <=, >= or >' })
  comparator?: string | null;
  @Field(() => String, { nullable: true }) unit?: string | null;
  @Field(() => String, { nullable: true }) system?: string | null;
  @Field(() => String, { nullable: true }) code?: string | null;
}

@ObjectType({ description: 'A range of quantities (FHIR Range)' })
@Directive('@shareable')
export class Range {
  @Field(() => Quantity, { nullable: true }) low?: Quantity | null;
  @Field(() => Quantity, { nullable: true }) high?: Quantity | null;
}

@ObjectType({ description: 'A ratio of two quantities (FHIR Ratio)' })
@Directive('@shareable')
export class Ratio {
  @Field(() => Quantity, { nullable: true }) numerator?: Quantity | null;
  @Field(() => Quantity, { nullable: true }) denominator?: Quantity | null;
}

@ObjectType({ description: 'Guidance on how to read a value (FHIR Observation.referenceRange)' })
@Directive('@shareable')
export class ObservationReferenceRange {
  @Field(() => Quantity, { nullable: true }) low?: Quantity | null;
  @Field(() => Quantity, { nullable: true }) high?: Quantity | null;
  @Field(() => CodeableConcept, { nullable: true }) type?: CodeableConcept | null;
  @Field(() => String, { nullable: true }) text?: string | null;
}
