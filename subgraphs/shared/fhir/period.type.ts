import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * FHIR R4 Period. Dates stay FHIR strings (partial dates such as "2019-05" and
 * time zone offsets are legal and kept as received).
 */
@ObjectType({ description: 'A time range (FHIR Period)' })
@Directive('@shareable')
export class Period {
  @Field(() => String, { nullable: true }) start?: string | null;
  @Field(() => String, { nullable: true }) end?: string | null;
}
