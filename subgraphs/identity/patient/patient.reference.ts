import type { IdentityContext } from '../context';
import type { Patient } from './patient.type';

/** Resolves `Patient` representations from other subgraphs, batched per request. */
export const patientReferenceResolvers = {
  Patient: {
    __resolveReference(
      reference: { id: string },
      context: IdentityContext,
    ): Promise<Patient | null> {
      return context.patients.load(reference.id);
    },
  },
};
