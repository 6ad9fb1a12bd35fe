import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Identifier } from '../../shared/fhir/identifier.type';

/**
 * The global patient as the wearables subgraph sees it: identity owns it; this
 * subgraph adds the device series, found through the patient's identifiers in
 * the vendors' account systems (see shared/patient/vendor-patient.ts).
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Patient {
  @Field(() => ID)
  id!: string;

  @Field(() => [Identifier])
  @Directive('@external')
  identifiers!: Identifier[];
}
