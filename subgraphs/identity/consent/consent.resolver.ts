import { decisionsOfEntry } from '../../shared/audit/audit-decisions';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  BadUserInputError,
  ForbiddenError,
  NotFoundError,
  UnauthenticatedError,
} from '../../shared/errors';
import { isAnonymous } from '../../shared/requester';
import type { IdentityContext } from '../context';
import { Patient } from '../patient/patient.type';
import {
  AccessLogEntry,
  ConsentGrant,
  ConsentSigningRequest,
  ConsentSubmission,
  ConsentTermsInput,
  SignedConsentInput,
} from './consent.types';

/**
 * Only the patient (a token carrying their own chain address) or a delegate the
 * patient appointed on chain may see or prepare changes to the patient's consents
 * and access log.
 */
async function requireSelfOrDelegate(
  context: IdentityContext,
  consentAddress: string | null | undefined,
): Promise<string> {
  const me = context.requester.patientAddress?.toLowerCase();
  if (!me || !consentAddress)
    throw new ForbiddenError('Only the patient or their delegate may do this');
  if (me === consentAddress.toLowerCase()) return consentAddress;
  if (await context.consentRelayer.isDelegate(consentAddress, me)) return consentAddress;
  throw new ForbiddenError('Only the patient or their delegate may do this');
}

@Resolver(() => Patient)
export class ConsentResolver {
  @FieldResolver(() => [ConsentGrant], {
    nullable: true,
    description: "The patient's consents (patient or delegate only)",
  })
  async consents(
    @Root() patient: Patient,
    @Ctx() context: IdentityContext,
  ): Promise<ConsentGrant[]> {
    const address = await requireSelfOrDelegate(context, patient.consentAddress);
    return context.consentRelayer.listGrants(address);
  }

  @FieldResolver(() => [AccessLogEntry], {
    nullable: true,
    description:
      "Who accessed the patient's sensitive data or was refused, newest first (patient or delegate only)",
  })
  async accessLog(
    @Root() patient: Patient,
    @Arg('first', () => Int, { defaultValue: 100 }) first: number,
    @Ctx() context: IdentityContext,
  ): Promise<AccessLogEntry[]> {
    await requireSelfOrDelegate(context, patient.consentAddress);
    if (first < 1 || first > 1000)
      throw new BadUserInputError('first must be between 1 and 1000', { argument: 'first' });
    // Each entry holds at least one decision: `first` entries hold at least `first` decisions.
    const entries = await context.accessLog.entriesFor(patient.id, first);
    return entries
      .flatMap((e) =>
        decisionsOfEntry(e)
          .reverse() // newest first within an entry too
          .map((d) => ({
            at: e.at,
            organization: e.organization,
            organizationAddress: e.orgAddress,
            category: d.category,
            purpose: e.purpose,
            decision: d.decision,
            reason: d.reason,
            // Entries the gateway committed name the subgraph that decided; others are the log's own.
            source: d.subgraph ?? e.logId,
          })),
      )
      .slice(0, first);
  }

  @Query(() => ConsentSigningRequest, {
    description: 'The EIP-712 typed data a patient wallet signs to grant or revoke a consent',
  })
  async consentSigningRequest(
    @Arg('input', () => ConsentTermsInput) input: ConsentTermsInput,
    @Ctx() context: IdentityContext,
  ): Promise<ConsentSigningRequest> {
    if (input.action !== 'GRANT' && input.action !== 'REVOKE') {
      throw new BadUserInputError('action must be GRANT or REVOKE', { argument: 'action' });
    }
    const patient = await context.patients.load(input.patientId);
    if (!patient) throw new NotFoundError('No such patient', { patientId: input.patientId });
    const address = await requireSelfOrDelegate(context, patient.consentAddress);
    const typedData = await context.consentRelayer.signingRequest({
      ...input,
      action: input.action,
      patient: address,
    });
    return { typedData };
  }

  @Mutation(() => ConsentSubmission, {
    description: 'Submit a patient-signed consent grant (the relayer pays the gas)',
  })
  submitConsentGrant(
    @Arg('input', () => SignedConsentInput) input: SignedConsentInput,
    @Ctx() context: IdentityContext,
  ): Promise<ConsentSubmission> {
    if (isAnonymous(context.requester)) throw new UnauthenticatedError();
    return context.consentRelayer.submitGrant(input);
  }

  @Mutation(() => ConsentSubmission, { description: 'Submit a patient-signed consent revocation' })
  submitConsentRevocation(
    @Arg('input', () => SignedConsentInput) input: SignedConsentInput,
    @Ctx() context: IdentityContext,
  ): Promise<ConsentSubmission> {
    if (isAnonymous(context.requester)) throw new UnauthenticatedError();
    return context.consentRelayer.submitRevocation(input);
  }
}
