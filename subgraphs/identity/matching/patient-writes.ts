import { randomUUID } from 'node:crypto';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
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
  provider: DatabaseProvider = 'sqlite',
): Promise<string> {
  const id = randomUUID();
  const row = demographicColumns(demographics);
  const now = new Date();
  // SQL on Prisma's raw channel (see RawSqlParams); the timestamps Prisma would fill.
  const p = new RawSqlParams(provider);
  const nullable = (value: string | null) => (value === null ? 'NULL' : p.add(value));
  await tx.$executeRawUnsafe(
    'INSERT INTO "Patient" ("id", "familyName", "givenName", "searchName", "birthDate", "gender", ' +
      '"namesJson", "addressesJson", "telecomJson", "createdAt", "updatedAt") VALUES (' +
      [
        p.add(id),
        nullable(row.familyName),
        nullable(row.givenName),
        p.add(row.searchName),
        nullable(row.birthDate),
        nullable(row.gender),
        p.add(row.namesJson),
        p.add(row.addressesJson),
        p.add(row.telecomJson),
        p.add(now),
        p.add(now),
      ].join(', ') +
      ')',
    ...p.values,
  );
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
  provider: DatabaseProvider = 'sqlite',
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
  if (rows.length > 0) {
    const p = new RawSqlParams(provider);
    const value = (v: string | number | Date | null) => (v === null ? 'NULL' : p.add(v));
    const tuples = rows.map(
      (r) =>
        `(${[r.id, r.patientId, r.system, r.value, r.use, r.typeCode, r.source, r.linkReason, r.linkScore, r.linkDetailJson, r.createdAt].map(value).join(', ')})`,
    );
    await tx.$executeRawUnsafe(
      'INSERT INTO "PatientIdentifier" ("id", "patientId", "system", "value", "use", "typeCode", ' +
        `"source", "linkReason", "linkScore", "linkDetailJson", "createdAt") VALUES ${tuples.join(', ')}`,
      ...p.values,
    );
  }
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
  provider: DatabaseProvider = 'sqlite',
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
    const p = new RawSqlParams(provider);
    await tx.$executeRawUnsafe(
      'INSERT INTO "PatientRecord" ("id", "identifierId", "source", "demographicsJson", "updatedAt") ' +
        `VALUES (${[recordId, keyIdentifierId, source, demographicsJson, new Date()].map((v) => p.add(v)).join(', ')})`,
      ...p.values,
    );
  }
  if (keys.length > 0) {
    const p = new RawSqlParams(provider);
    await tx.$executeRawUnsafe(
      `INSERT INTO "MatchKey" ("recordId", "key") VALUES ${keys.map((key) => `(${p.add(recordId)}, ${p.add(key)})`).join(', ')}`,
      ...p.values,
    );
  }
}
