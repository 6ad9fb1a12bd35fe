import { randomUUID } from 'node:crypto';
import type {
  FhirHumanNameJson,
  LinkDemographics,
  PatientLinkRequest,
  PatientLinkResponse,
} from '../../shared/patient/link-request';
import { searchNameOf } from '../mappers/search-name';
import type { IdentityStore } from '../store';

export class LinkConflictError extends Error {
  constructor(readonly patientIds: string[]) {
    super('Identifiers of this record are linked to different patients');
    this.name = 'LinkConflictError';
  }
}

function primaryName(names: FhirHumanNameJson[] | undefined): FhirHumanNameJson | undefined {
  return names?.find((n) => n.use === 'official') ?? names?.[0];
}

function demographicColumns(demographics: LinkDemographics | undefined) {
  const name = primaryName(demographics?.names);
  return {
    familyName: name?.family ?? null,
    givenName: name?.given?.join(' ') ?? null,
    searchName: searchNameOf(name?.family, name?.given) ?? '',
    birthDate: demographics?.birthDate ?? null,
    gender: demographics?.gender ?? null,
    namesJson: JSON.stringify(demographics?.names ?? []),
    addressesJson: JSON.stringify(demographics?.addresses ?? []),
    telecomJson: JSON.stringify(demographics?.telecom ?? []),
  };
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === 'P2002';
}

/**
 * Links a vendor's patient record to a global patient by identifiers: a record
 * whose identifiers are already known joins that patient (and brings its other
 * identifiers along); an unknown one becomes a new patient. Every link records
 * why it was made. Identifiers that point at two different patients are a
 * conflict for a person to resolve, never a silent pick.
 */
export async function linkPatient(
  store: IdentityStore,
  request: PatientLinkRequest,
): Promise<PatientLinkResponse> {
  try {
    return await linkOnce(store, request);
  } catch (error) {
    // Two vendors announcing the same new person at once: the loser retries and
    // finds the winner's patient through the shared identifier.
    if (isUniqueViolation(error)) return linkOnce(store, request);
    throw error;
  }
}

async function linkOnce(
  store: IdentityStore,
  request: PatientLinkRequest,
): Promise<PatientLinkResponse> {
  return store.$transaction(async (tx) => {
    const known = await tx.patientIdentifier.findMany({
      where: { OR: request.identifiers.map(({ system, value }) => ({ system, value })) },
    });
    const knownKeys = new Set(known.map((k) => `${k.system}|${k.value}`));
    const fresh = request.identifiers.filter((i) => !knownKeys.has(`${i.system}|${i.value}`));
    const patientIds = [...new Set(known.map((k) => k.patientId))];
    if (patientIds.length > 1) throw new LinkConflictError(patientIds);

    let patientId: string;
    let decision: PatientLinkResponse['decision'];
    let reason: string;
    if (patientIds.length === 1) {
      patientId = patientIds[0]!;
      decision = 'existing';
      const sourceKey = request.identifiers[0]!;
      const matchedOnSource = knownKeys.has(`${sourceKey.system}|${sourceKey.value}`);
      reason = matchedOnSource
        ? 'same-record'
        : `same-identifier:${known.map((k) => k.system).join(',')}`;
      // A vendor re-sending its own record may carry updated demographics.
      if (matchedOnSource && request.demographics) {
        await tx.patient.update({
          where: { id: patientId },
          data: demographicColumns(request.demographics),
        });
      }
    } else {
      patientId = randomUUID();
      decision = 'created';
      reason = 'new-patient';
      await tx.patient.create({
        data: { id: patientId, ...demographicColumns(request.demographics) },
      });
    }
    for (const identifier of fresh) {
      await tx.patientIdentifier.create({
        data: {
          id: randomUUID(),
          patientId,
          system: identifier.system,
          value: identifier.value,
          use: identifier.use ?? null,
          typeCode: identifier.typeCode ?? null,
          source: request.source,
          linkReason: reason,
        },
      });
    }
    return { patientId, decision, reason };
  });
}
