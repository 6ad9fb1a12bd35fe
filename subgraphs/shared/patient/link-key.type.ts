import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * A (system, value) identifier of a patient, as vendor subgraphs need it to find
 * their records. Hidden from clients (`@inaccessible`): it only travels between
 * identity and vendor subgraphs through `@requires`, so it needs no consent check
 * of its own, while the client-facing `Patient.identifiers` does.
 */
@ObjectType('LinkKey')
@Directive('@shareable')
@Directive('@inaccessible')
export class LinkKey {
  @Field(() => String) system!: string;
  @Field(() => String) value!: string;
}
