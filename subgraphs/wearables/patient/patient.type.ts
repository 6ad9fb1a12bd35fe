import { Directive, ObjectType } from 'type-graphql';
import { VendorPatientFields } from '../../shared/patient/vendor-patient.type';

/**
 * The global patient as the wearables subgraph sees it (see
 * shared/patient/vendor-patient.ts): identity owns it; this subgraph adds the
 * device series, found through the patient's link keys in the vendors' account
 * systems, and checked against the patient's consent address.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Patient extends VendorPatientFields {}
