import type { LinkDemographics, LinkIdentifier } from '../../shared/patient/link-request';
import type { DatabaseProvider } from '../../shared/store/database-url';
import { RawSqlParams } from '../../shared/store/raw-sql-params';
import type { StoredPatient } from '../store';
import { blockingKeysOf } from './blocking-keys';
import type { IdentityTx } from './identity-tx';
import { byScore, type ScoredCandidate } from './link-decision';
import { matchIdentifierOf, matchProfileOf, type MatchProfile } from './match-profile';
import { scoreMatch } from './score-match';

function parseObject<T>(json: string): T | undefined {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The demographics shown on a patient row, as a record (patients older than PatientRecord). */
function patientRowDemographics(patient: StoredPatient): LinkDemographics {
  return {
    names: parseObject(patient.namesJson),
    birthDate: patient.birthDate,
    gender: patient.gender,
    addresses: parseObject(patient.addressesJson),
    telecom: parseObject(patient.telecomJson),
  };
}

/**
 * Compares a record with each of the given live patients: against every vendor
 * record of the patient (and its own row), with all of the patient's identifiers;
 * a patient scores as its best-agreeing record. Reads are SQL on Prisma's raw
 * channel (see RawSqlParams): with up to a few hundred candidates, compiling the
 * same reads through the query builder cost more than matching them.
 */
export async function comparePatients(
  tx: IdentityTx,
  profile: MatchProfile,
  patientIds: string[],
  provider: DatabaseProvider = 'sqlite',
): Promise<ScoredCandidate[]> {
  if (patientIds.length === 0) return [];
  const forPatients = new RawSqlParams(provider);
  const patients = await tx.$queryRawUnsafe<StoredPatient[]>(
    `SELECT * FROM "Patient" WHERE "id" IN (${forPatients.list(patientIds)}) AND "mergedIntoId" IS NULL`,
    ...forPatients.values,
  );
  const forRecords = new RawSqlParams(provider);
  const records = await tx.$queryRawUnsafe<{ patientId: string; demographicsJson: string }[]>(
    'SELECT i."patientId", r."demographicsJson" FROM "PatientRecord" r ' +
      'JOIN "PatientIdentifier" i ON i."id" = r."identifierId" ' +
      `WHERE i."patientId" IN (${forRecords.list(patientIds)})`,
    ...forRecords.values,
  );
  const forIdentifiers = new RawSqlParams(provider);
  const identifiers = await tx.$queryRawUnsafe<
    { patientId: string; system: string; value: string; typeCode: string | null }[]
  >(
    'SELECT "patientId", "system", "value", "typeCode" FROM "PatientIdentifier" ' +
      `WHERE "patientId" IN (${forIdentifiers.list(patientIds)})`,
    ...forIdentifiers.values,
  );
  const identifiersOf = new Map<string, LinkIdentifier[]>();
  for (const { patientId, ...identifier } of identifiers) {
    identifiersOf.set(patientId, [...(identifiersOf.get(patientId) ?? []), identifier]);
  }
  const demographicsOf = new Map<string, LinkDemographics[]>(
    patients.map((p) => [p.id, [patientRowDemographics(p)]]),
  );
  for (const record of records) {
    const list = demographicsOf.get(record.patientId);
    const demographics = parseObject<LinkDemographics>(record.demographicsJson);
    if (list && demographics) list.push(demographics);
  }
  const scored: ScoredCandidate[] = [];
  for (const [patientId, demographicsList] of demographicsOf) {
    const patientIdentifiers = (identifiersOf.get(patientId) ?? []).map(matchIdentifierOf);
    let best: ScoredCandidate | null = null;
    for (const demographics of demographicsList) {
      const candidate = { ...matchProfileOf(demographics), identifiers: patientIdentifiers };
      const comparison = scoreMatch(profile, candidate);
      if (!best || comparison.score > best.comparison.score) best = { patientId, comparison };
    }
    if (best) scored.push(best);
  }
  return scored.sort(byScore);
}

/**
 * The patients worth comparing with a new record: those with a vendor record
 * sharing a blocking key, most shared keys first, at most `maxRecords` records
 * (counted over the first `maxRecords` x 10 key hits, which bounds the work for
 * very common keys). One statement over the key index; no scan of all patients.
 */
export async function findCandidates(
  tx: IdentityTx,
  profile: MatchProfile,
  maxRecords: number,
  provider: DatabaseProvider = 'sqlite',
): Promise<ScoredCandidate[]> {
  const keys = blockingKeysOf(profile);
  if (keys.length === 0) return [];
  const params = new RawSqlParams(provider);
  const owners = await tx.$queryRawUnsafe<{ patientId: string }[]>(
    'SELECT DISTINCT i."patientId" FROM (' +
      'SELECT "recordId", count(*) AS "shared" FROM (' +
      `SELECT "recordId" FROM "MatchKey" WHERE "key" IN (${params.list(keys)}) LIMIT ${params.add(maxRecords * 10)}` +
      `) hits GROUP BY "recordId" ORDER BY "shared" DESC, "recordId" ASC LIMIT ${params.add(maxRecords)}` +
      ') top JOIN "PatientRecord" r ON r."id" = top."recordId" ' +
      'JOIN "PatientIdentifier" i ON i."id" = r."identifierId"',
    ...params.values,
  );
  if (owners.length === 0) return [];
  return comparePatients(
    tx,
    profile,
    owners.map((o) => o.patientId),
    provider,
  );
}
