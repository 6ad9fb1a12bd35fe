import { Field, ID, ObjectType } from 'type-graphql';
import { CodeableConcept, Coding } from '../../shared/fhir/coding.type';
import { RecordSource } from '../../shared/fhir/record-source.type';

/**
 * An imaging report from the partner's radiology information system (a FHIR R4
 * DiagnosticReport of category RAD). The type is the partner's own; the FHIR
 * datatypes are PatientGraph's shared ones, so codes read the same everywhere.
 */
@ObjectType({ description: 'A radiology report from a partner hospital (FHIR DiagnosticReport)' })
export class RadiologyReport {
  @Field(() => ID) id!: string;
  @Field(() => String, {
    description:
      'registered | partial | preliminary | final | amended | corrected | appended | cancelled | entered-in-error | unknown',
  })
  status!: string;
  @Field(() => String, { nullable: true, description: 'DICOM modality code: CT, MR, US, DX, ...' })
  modality?: string | null;
  @Field(() => CodeableConcept, { description: 'The imaging procedure (LOINC/RadLex)' })
  code!: CodeableConcept;
  @Field(() => String, { nullable: true }) effectiveDateTime?: string | null;
  @Field(() => String, { nullable: true }) issued?: string | null;
  @Field(() => String, { nullable: true, description: "The radiologist's impression" })
  conclusion?: string | null;
  @Field(() => [CodeableConcept]) conclusionCode!: CodeableConcept[];
  @Field(() => [Coding], { description: 'Security labels the source put on the report' })
  securityLabel!: Coding[];
  @Field(() => RecordSource) source!: RecordSource;
}
