import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Address, ContactPoint, HumanName } from '../../shared/fhir/demographics.type';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { Sensitive } from '../../shared/consent/sensitive';
import { Identifier } from '../../shared/fhir/identifier.type';
import { LinkKey } from '../../shared/patient/link-key.type';

const DEMOGRAPHICS = ConsentCategory.Demographics;

/**
 * The global patient. Identity owns the entity; vendor subgraphs extend it with
 * their records, found through `linkKeys` and checked against `consentAddress`
 * (both `@inaccessible`: they travel only between subgraphs via `@requires`).
 * Everything that identifies the person is demographics: consent-checked.
 */
@ObjectType({ description: 'A patient, as one person across every connected system' })
@Directive('@key(fields: "id")')
export class Patient {
  @Field(() => ID, { description: 'The global PatientGraph id' })
  id!: string;

  @Field(() => [HumanName], { nullable: true })
  @Sensitive(DEMOGRAPHICS)
  name!: HumanName[] | null;

  @Field(() => String, { nullable: true, description: 'FHIR date (YYYY-MM-DD, or partial)' })
  @Sensitive(DEMOGRAPHICS)
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: 'male | female | other | unknown' })
  @Sensitive(DEMOGRAPHICS)
  gender?: string | null;

  @Field(() => [Address], { nullable: true })
  @Sensitive(DEMOGRAPHICS)
  address!: Address[] | null;

  @Field(() => [ContactPoint], { nullable: true })
  @Sensitive(DEMOGRAPHICS)
  telecom!: ContactPoint[] | null;

  @Field(() => [Identifier], {
    nullable: true,
    description: 'Every identifier of this patient in every system, with the system it belongs to',
  })
  @Sensitive(DEMOGRAPHICS)
  identifiers!: Identifier[] | null;

  @Field(() => String, {
    nullable: true,
    description: "The patient's address on the consent chain (holds no personal data)",
  })
  @Sensitive(DEMOGRAPHICS)
  chainAddress?: string | null;

  @Field(() => [LinkKey])
  @Directive('@inaccessible')
  linkKeys!: LinkKey[];

  @Field(() => String, { nullable: true })
  @Directive('@inaccessible')
  consentAddress?: string | null;
}
