import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Identifier } from '../../shared/fhir/identifier.type';

/**
 * This EHR's view of the global Patient (see shared/patient/vendor-patient.ts):
 * identity owns the entity; this subgraph adds the EHR's clinical records, found
 * through the patient's identifiers in this EHR's Patient system.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class EhrPatient {
  @Field(() => ID) id!: string;

  @Field(() => [Identifier])
  @Directive('@external')
  identifiers!: Identifier[];
}
