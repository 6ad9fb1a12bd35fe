import { randomUUID } from 'node:crypto';
import type {
  FhirHumanNameJson,
  LinkDemographics,
  LinkIdentifier,
} from '../../shared/patient/link-request';
import { searchNameOf } from '../mappers/search-name';
import type { StoredIdentifier, StoredPatient } from '../store';
import { blockingKeysOf } from './blocking-keys';
import type { IdentityTx } from './identity-tx';
import { matchProfileOf } from './match-profile';

/** Why an identifier is linked to its patient; stored on the identifier row. */
export interface LinkWhy {
  reason: string;
  score: number | null;
  /** No personal data: levels, weights, ids of reviews and merges. */
  detail: Record<string, unknown>;
}

function primaryName(names: FhirHumanNameJson[] | undefined): FhirHumanNameJson | undefined {
  return names?.find((n) => n.use === 'official') ?? names?.[0];
}

export function demographicColumns(demographics: LinkDemographics | undefined) {
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

export async function createPatient(
  tx: IdentityTx,
  demographics: LinkDemographics | undefined,
): Promise<string> {
  const id = randomUUID();
  await tx.patient.create({ data: { id, ...demographicColumns(demographics) } });
  return id;
}

/**
 * Fills what the patient row lacks from another vendor's record (a patient first
 * seen through a wearable has no name until the EHR links in); never overwrites.
 */
export async function fillMissingDemographics(
  tx: IdentityTx,
  patient: StoredPatient,
  demographics: LinkDemographics | undefined,
): Promise<void> {
  if (!demographics) return;
  const columns = demographicColumns(demographics);
  const data: Partial<typeof columns> = {};
  if (patient.namesJson === '[]' && (demographics.names?.length ?? 0) > 0) {
    Object.assign(data, {
      familyName: columns.familyName,
      givenName: columns.givenName,
      searchName: columns.searchName,
      namesJson: columns.namesJson,
    });
  }
  if (!patient.birthDate && columns.birthDate) data.birthDate = columns.birthDate;
  if (!patient.gender && columns.gender) data.gender = columns.gender;
  if (patient.addressesJson === '[]' && columns.addressesJson !== '[]') {
    data.addressesJson = columns.addressesJson;
  }
  if (patient.telecomJson === '[]' && columns.telecomJson !== '[]') {
    data.telecomJson = columns.telecomJson;
  }
  if (Object.keys(data).length > 0) await tx.patient.update({ where: { id: patient.id }, data });
}

/** Links identifiers to a patient, each recording why. Returns the created rows. */
export async function attachIdentifiers(
  tx: IdentityTx,
  patientId: string,
  identifiers: LinkIdentifier[],
  source: string,
  why: LinkWhy,
): Promise<StoredIdentifier[]> {
  const createdAt = new Date();
  const rows: StoredIdentifier[] = identifiers.map((identifier) => ({
    id: randomUUID(),
    patientId,
    system: identifier.system,
    value: identifier.value,
    use: identifier.use ?? null,
    typeCode: identifier.typeCode ?? null,
    source,
    linkReason: why.reason,
    linkScore: why.score,
    linkDetailJson: JSON.stringify(why.detail),
    createdAt,
  }));
  if (rows.length > 0) await tx.patientIdentifier.createMany({ data: rows });
  return rows;
}

/**
 * Keeps the vendor record behind a key identifier (its demographics as last sent,
 * and its blocking keys), so later records are matched against it.
 */
export async function savePatientRecord(
  tx: IdentityTx,
  keyIdentifierId: string,
  source: string,
  demographics: LinkDemographics | undefined,
  identifiers: LinkIdentifier[],
  /** False when the key identifier was just created (so it has no record yet). */
  mayExist = true,
): Promise<void> {
  const keys = blockingKeysOf(matchProfileOf(demographics, identifiers));
  const existing = mayExist
    ? await tx.patientRecord.findUnique({
        where: { identifierId: keyIdentifierId },
        select: { id: true },
      })
    : null;
  const demographicsJson = JSON.stringify(demographics ?? {});
  const recordId = existing?.id ?? randomUUID();
  if (existing) {
    await tx.patientRecord.update({ where: { id: recordId }, data: { source, demographicsJson } });
    await tx.matchKey.deleteMany({ where: { recordId } });
  } else {
    await tx.patientRecord.create({
      data: { id: recordId, identifierId: keyIdentifierId, source, demographicsJson },
    });
  }
  if (keys.length > 0) {
    await tx.matchKey.createMany({ data: keys.map((key) => ({ recordId, key })) });
  }
}
