import { Directive, Field, ObjectType } from 'type-graphql';

/**
 * Where a record came from. Two vendors can report the same kind of fact (a lab
 * from the FHIR EHR and one from the HL7 v2 feed); this says which is which.
 */
@ObjectType({ description: 'The vendor system a record came from' })
@Directive('@shareable')
export class RecordSource {
  @Field(() => String, { description: 'The PatientGraph subgraph that holds the record' })
  subgraph!: string;
  @Field(() => String, { description: 'The source system, as a URI' })
  system!: string;
  @Field(() => String, { description: 'The record id in the source system' })
  recordId!: string;
  @Field(() => String, { nullable: true, description: 'Source format, e.g. FHIR R4, HL7 v2.5.1' })
  format?: string | null;
}
