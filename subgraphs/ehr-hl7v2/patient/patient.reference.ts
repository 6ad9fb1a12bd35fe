import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';

/**
 * Patient representations arrive from the gateway with the identifiers this
 * subgraph `@requires`; they are all the field resolvers need, so the reference
 * is the representation itself (no store read here).
 */
export const patientReferenceResolvers = {
  Patient: {
    __resolveReference(reference: VendorPatientRepresentation): VendorPatientRepresentation {
      return reference;
    },
  },
};
