import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { LinkKey } from '../../shared/patient/link-key.type';

/**
 * This subgraph's view of the global patient (see shared/patient/vendor-patient.ts):
 * identity owns the entity, its link keys and consent address; the HL7 v2 feed
 * adds the lab results and hospital visits it holds (patient-records.resolver.ts),
 * found through the link keys in its systems and checked against the address.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Hl7VendorPatient {
  @Field(() => ID)
  id!: string;

  @Field(() => [LinkKey])
  @Directive('@external')
  linkKeys!: LinkKey[];

  @Field(() => String, { nullable: true })
  @Directive('@external')
  consentAddress?: string | null;
}
