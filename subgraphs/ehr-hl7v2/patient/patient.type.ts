import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Identifier } from '../../shared/fhir/identifier.type';

/**
 * This subgraph's view of the global patient: identity owns the entity and its
 * identifiers; the HL7 v2 feed adds the lab results and hospital visits it holds
 * (see patient-records.resolver.ts), found through the identifiers in its systems.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Hl7VendorPatient {
  @Field(() => ID)
  id!: string;

  @Directive('@external')
  @Field(() => [Identifier])
  identifiers!: Identifier[];
}
