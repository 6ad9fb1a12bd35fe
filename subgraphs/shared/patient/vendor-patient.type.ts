import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LinkKey } from './link-key.type';

/**
 * What every vendor subgraph's `Patient` holds (see vendor-patient.ts): the key,
 * and the two fields identity provides through `@requires`. A vendor declares its
 * own class on top, so each subgraph still owns its type:
 *
 *   @ObjectType('Patient') @Directive('@key(fields: "id")')
 *   export class Patient extends VendorPatientFields {}
 */
@ObjectType({
  description: 'Fields every vendor Patient has (a base class, not a schema type of its own)',
})
export abstract class VendorPatientFields {
  @Field(() => ID)
  id!: string;

  @Field(() => [LinkKey], {
    description: "The patient's identifiers in every system (from identity)",
  })
  @Directive('@external')
  linkKeys!: LinkKey[];

  @Field(() => String, {
    nullable: true,
    description: "The patient's consent-chain address (from identity)",
  })
  @Directive('@external')
  consentAddress?: string | null;
}
