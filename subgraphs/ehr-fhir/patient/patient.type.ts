import { Directive, ObjectType } from 'type-graphql';
import { VendorPatientFields } from '../../shared/patient/vendor-patient.type';

/**
 * This EHR's view of the global Patient (see shared/patient/vendor-patient.ts):
 * identity owns the entity; this subgraph adds the EHR's clinical records, found
 * through the patient's link keys in this EHR's Patient system, and checked
 * against the patient's consent address.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class EhrPatient extends VendorPatientFields {}
