import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Address, ContactPoint, HumanName } from '../../shared/fhir/demographics.type';
import { Identifier } from '../../shared/fhir/identifier.type';

/**
 * The global patient. Identity owns the entity; vendor subgraphs extend it with
 * their records, found through `identifiers` (which they `@require`).
 */
@ObjectType({ description: 'A patient, as one person across every connected system' })
@Directive('@key(fields: "id")')
export class Patient {
  @Field(() => ID, { description: 'The global PatientGraph id' })
  id!: string;

  @Field(() => [HumanName])
  name!: HumanName[];

  @Field(() => String, { nullable: true, description: 'FHIR date (YYYY-MM-DD, or partial)' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'male | female | other | unknown' })
  gender?: string | null;

  @Field(() => [Address])
  address!: Address[];

  @Field(() => [ContactPoint])
  telecom!: ContactPoint[];

  @Field(() => [Identifier], {
    description: 'Every identifier of this patient in every system, with the system it belongs to',
  })
  identifiers!: Identifier[];

  @Field(() => String, {
    nullable: true,
    description: "The patient's address on the consent chain (holds no personal data)",
  })
  chainAddress?: string | null;
}
