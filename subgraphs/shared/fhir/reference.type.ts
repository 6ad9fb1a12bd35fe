import { Directive, Field, ObjectType } from 'type-graphql';

/** FHIR R4 Reference, as the source wrote it (relative, absolute or resolved urn:uuid). */
@ObjectType({ description: 'A reference to another resource (FHIR Reference)' })
@Directive('@shareable')
export class Reference {
  @Field(() => String, { nullable: true }) reference?: string | null;
  @Field(() => String, { nullable: true }) type?: string | null;
  @Field(() => String, { nullable: true }) display?: string | null;
}
