import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';

/**
 * Patient representations arrive with the identifiers the gateway fetched from
 * identity (`@requires`); the field resolvers need nothing else, so the
 * representation is the entity.
 */
export const patientReferenceResolvers = {
  Patient: {
    __resolveReference(reference: VendorPatientRepresentation): VendorPatientRepresentation {
      return reference;
    },
  },
};
