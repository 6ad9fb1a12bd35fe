import { Directive, ObjectType } from 'type-graphql';
import { VendorPatientFields } from '../../shared/patient/vendor-patient.type';

/**
 * This subgraph's view of the global patient (see shared/patient/vendor-patient.ts):
 * identity owns the entity, its link keys and consent address; the HL7 v2 feed
 * adds the lab results and hospital visits it holds (patient-records.resolver.ts),
 * found through the link keys in its systems and checked against the address.
 */
@ObjectType('Patient')
@Directive('@key(fields: "id")')
export class Hl7VendorPatient extends VendorPatientFields {}
