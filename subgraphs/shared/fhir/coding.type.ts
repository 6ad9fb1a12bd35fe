import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * FHIR R4 Coding (http://hl7.org/fhir/R4/datatypes.html#Coding). Codes keep
 * their system URI (LOINC http://loinc.org, SNOMED CT http://snomed.info/sct,
 * RxNorm, ICD-10-CM, HL7 v2 tables) exactly as the source sent them.
 */
@ObjectType({ description: 'A code from a terminology (FHIR Coding)' })
@Directive('@shareable')
export class Coding {
  @Field(() => String, { nullable: true }) system?: string | null;
  @Field(() => String, { nullable: true }) version?: string | null;
  @Field(() => String, { nullable: true }) code?: string | null;
  @Field(() => String, { nullable: true }) display?: string | null;
  @Field(() => Boolean, { nullable: true }) userSelected?: boolean | null;
}

/** FHIR R4 CodeableConcept: every coding the source sent, plus its text. */
@ObjectType({ description: 'A concept as one or more codings plus text (FHIR CodeableConcept)' })
@Directive('@shareable')
export class CodeableConcept {
  @Field(() => [Coding]) coding!: Coding[];
  @Field(() => String, { nullable: true }) text?: string | null;
}
