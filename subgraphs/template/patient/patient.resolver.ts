import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { Sensitive } from '../../shared/consent/sensitive';
import {
  localIdsOf,
  VENDOR_PATIENT_REQUIRES,
  type VendorPatientRepresentation,
} from '../../shared/patient/vendor-patient';
import type { RadiologyContext } from '../context';
import { RadiologyReport } from '../report/radiology-report.type';
import { Patient } from './patient.type';

@Resolver(() => Patient)
export class PatientRadiologyResolver {
  /**
   * Imaging results are diagnostic results: PatientGraph's consent vocabulary
   * files them under LABS (FHIR DiagnosticReport, like laboratory reports), so a
   * grant of LABS opens this field. `records: true` then checks each report's own
   * codes: a report whose conclusion or security label puts it in a specially
   * protected category (an ectopic pregnancy, an HIV-related finding) is withheld
   * unless that category is consented too. The field is nullable: a denial is a
   * null field with CONSENT_REQUIRED while the rest of the query resolves.
   */
  @FieldResolver(() => [RadiologyReport], {
    nullable: true,
    description: "Imaging reports from the partner's radiology department, newest first",
  })
  @Directive(VENDOR_PATIENT_REQUIRES)
  @Sensitive(ConsentCategory.Labs, { records: true })
  radiologyReports(
    @Root() patient: VendorPatientRepresentation,
    @Arg('modality', () => String, {
      nullable: true,
      description: 'Only this DICOM modality (CT, MR, US, ...)',
    })
    modality: string | null,
    @Ctx() context: RadiologyContext,
  ): RadiologyReport[] {
    const own = localIdsOf(patient, (system) => system === context.patientSystem);
    return context.store
      .reportsOf(own.map((id) => id.value))
      .filter((report) => !modality || report.modality === modality)
      .map((report) => ({
        ...report,
        source: {
          subgraph: context.source.subgraph,
          system: context.source.system,
          recordId: report.id,
          format: 'FHIR R4',
        },
      }));
  }
}
