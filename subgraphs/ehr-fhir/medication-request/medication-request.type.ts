import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CodeableConcept } from '../../shared/fhir/coding.type';
import { Quantity } from '../../shared/fhir/quantity.type';
import { RecordSource } from '../../shared/fhir/record-source.type';
import { Reference } from '../../shared/fhir/reference.type';

@ObjectType({ description: 'When a medication is to be taken (FHIR Timing, simplified)' })
@Directive('@shareable')
export class DosageTiming {
  @Field(() => CodeableConcept, { nullable: true, description: 'BID | TID | QD | ...' })
  code?: CodeableConcept | null;
  @Field(() => Int, { nullable: true }) frequency?: number | null;
  @Field(() => Float, { nullable: true }) period?: number | null;
  @Field(() => String, { nullable: true, description: 's | min | h | d | wk | mo | a' })
  periodUnit?: string | null;
}

@ObjectType({ description: 'How a medication is to be taken (FHIR Dosage)' })
@Directive('@shareable')
export class Dosage {
  @Field(() => Int, { nullable: true }) sequence?: number | null;
  @Field(() => String, { nullable: true }) text?: string | null;
  @Field(() => String, { nullable: true }) patientInstruction?: string | null;
  @Field(() => DosageTiming, { nullable: true }) timing?: DosageTiming | null;
  @Field(() => Boolean, { nullable: true }) asNeededBoolean?: boolean | null;
  @Field(() => CodeableConcept, { nullable: true }) route?: CodeableConcept | null;
  @Field(() => Quantity, { nullable: true, description: 'doseAndRate[0].doseQuantity' })
  doseQuantity?: Quantity | null;
}

/**
 * FHIR R4 MedicationRequest (http://hl7.org/fhir/R4/medicationrequest.html); the
 * medication keeps its RxNorm (and any other) codings as sent.
 */
@ObjectType({ description: 'An order or prescription of a medication (FHIR MedicationRequest)' })
@Directive('@shareable')
export class MedicationRequest {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'active | on-hold | cancelled | completed | entered-in-error | stopped | draft | unknown',
  })
  status!: string;
  @Field(() => String, { description: 'proposal | plan | order | original-order | ...' })
  intent!: string;
  @Field(() => [CodeableConcept]) category!: CodeableConcept[];
  @Field(() => String, { nullable: true }) priority?: string | null;
  @Field(() => CodeableConcept, { nullable: true })
  medicationCodeableConcept?: CodeableConcept | null;
  @Field(() => Reference, { nullable: true }) medicationReference?: Reference | null;
  @Field(() => Reference, { nullable: true }) encounter?: Reference | null;
  @Field(() => String, { nullable: true }) authoredOn?: string | null;
  @Field(() => Reference, { nullable: true }) requester?: Reference | null;
  @Field(() => [CodeableConcept]) reasonCode!: CodeableConcept[];
  @Field(() => [Reference]) reasonReference!: Reference[];
  @Field(() => [Dosage]) dosageInstruction!: Dosage[];
  @Field(() => [String]) note!: string[];
  @Field(() => RecordSource) source!: RecordSource;
}
