import { Directive, Field, ObjectType } from 'type-graphql';
import { CodeableConcept } from './coding.type';
import { Period } from './period.type';

/**
 * FHIR R4 Identifier. `system` + `value` is the key vendor subgraphs use to find
 * their own records for a global patient (see patient/vendor-patient.ts).
 */
@ObjectType({ description: 'An identifier in some system (FHIR Identifier)' })
@Directive('@shareable')
export class Identifier {
  @Field(() => String, { nullable: true }) use?: string | null;
  @Field(() => CodeableConcept, { nullable: true }) type?: CodeableConcept | null;
  @Field(() => String) system!: string;
  @Field(() => String) value!: string;
  @Field(() => Period, { nullable: true }) period?: Period | null;
  @Field(() => String, {
    nullable: true,
    description: 'Which PatientGraph subgraph reported this identifier',
  })
  source?: string | null;
}
