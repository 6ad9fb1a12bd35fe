import type { VendorPatientRepresentation } from '../../shared/patient/vendor-patient';

/**
 * `_entities` representations carry `id` and (through @requires) `identifiers`;
 * the field resolvers need nothing else, so the representation is the entity.
 */
export const patientReferenceResolvers = {
  Patient: {
    __resolveReference(reference: VendorPatientRepresentation): VendorPatientRepresentation {
      return reference;
    },
  },
};
