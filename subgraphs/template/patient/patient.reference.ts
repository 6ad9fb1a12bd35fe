import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';

/** The gateway sends the link keys and consent address along: the representation is the entity. */
export const patientReferenceResolvers = {
  Patient: {
    __resolveReference(reference: VendorPatientRepresentation): VendorPatientRepresentation {
      return reference;
    },
  },
};
