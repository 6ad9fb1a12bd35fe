import { Directive, Field, ObjectType } from 'type-graphql';
import { Period } from './period.type';

/** FHIR R4 HumanName. */
@ObjectType({ description: 'A person name (FHIR HumanName)' })
@Directive('@shareable')
export class HumanName {
  @Field(() => String, { nullable: true }) use?: string | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => String, { nullable: true }) family?: string | null;
  @Field(() => [String]) given!: string[];
  @Field(() => [String]) prefix!: string[];
  @Field(() => [String]) suffix!: string[];
  @Field(() => Period, { nullable: true }) period?: Period | null;
}

/** FHIR R4 Address. */
@ObjectType({ description: 'A postal address (FHIR Address)' })
@Directive('@shareable')
export class Address {
  @Field(() => String, { nullable: true }) use?: string | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => [String]) line!: string[];
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) district?: string | null;
  @Field(() => String, { nullable: true }) state?: string | null;
  @Field(() => String, { nullable: true }) postalCode?: string | null;
  @Field(() => String, { nullable: true }) country?: string | null;
}

/** FHIR R4 ContactPoint. */
@ObjectType({ description: 'A phone number, email, ... (FHIR ContactPoint)' })
@Directive('@shareable')
export class ContactPoint {
  @Field(() => String, { nullable: true }) system?: string | null;
  @Field(() => String, { nullable: true }) value?: string | null;
  @Field(() => String, { nullable: true }) use?: string | null;
}
