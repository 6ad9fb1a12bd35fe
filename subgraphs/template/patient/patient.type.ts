import { Directive, ObjectType } from 'type-graphql';
import { VendorPatientFields } from '../../shared/patient/vendor-patient.type';

/**
 * The global patient as a partner subgraph sees it (see
 * shared/patient/vendor-patient.ts): identity owns it; this subgraph adds its
 * reports. `linkKeys` (every identifier linked to the patient) and
 * `consentAddress` (whose consent governs the records) come from identity
 * through `@requires`; clients never see either.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Patient extends VendorPatientFields {}
