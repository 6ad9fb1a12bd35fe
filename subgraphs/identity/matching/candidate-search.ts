import type { LinkDemographics, LinkIdentifier } from '../../shared/patient/link-request';
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
 * a patient scores as its best-agreeing record.
 */
export async function comparePatients(
  tx: IdentityTx,
  profile: MatchProfile,
  patientIds: string[],
): Promise<ScoredCandidate[]> {
  if (patientIds.length === 0) return [];
  const [patients, records, identifiers] = await Promise.all([
    tx.patient.findMany({ where: { id: { in: patientIds }, mergedIntoId: null } }),
    tx.patientRecord.findMany({
      where: { identifier: { patientId: { in: patientIds } } },
      select: { demographicsJson: true, identifier: { select: { patientId: true } } },
    }),
    tx.patientIdentifier.findMany({
      where: { patientId: { in: patientIds } },
      select: { patientId: true, system: true, value: true, typeCode: true },
    }),
  ]);
  const identifiersOf = new Map<string, LinkIdentifier[]>();
  for (const { patientId, ...identifier } of identifiers) {
    identifiersOf.set(patientId, [...(identifiersOf.get(patientId) ?? []), identifier]);
  }
  const demographicsOf = new Map<string, LinkDemographics[]>(
    patients.map((p) => [p.id, [patientRowDemographics(p)]]),
  );
  for (const record of records) {
    const list = demographicsOf.get(record.identifier.patientId);
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
 * sharing a blocking key, most shared keys first, at most `maxRecords` records.
 * One indexed lookup; no scan of all patients.
 */
export async function findCandidates(
  tx: IdentityTx,
  profile: MatchProfile,
  maxRecords: number,
): Promise<ScoredCandidate[]> {
  const keys = blockingKeysOf(profile);
  if (keys.length === 0) return [];
  const hits = await tx.matchKey.findMany({
    where: { key: { in: keys } },
    select: { recordId: true },
    take: maxRecords * 10,
  });
  const counts = new Map<string, number>();
  for (const { recordId } of hits) counts.set(recordId, (counts.get(recordId) ?? 0) + 1);
  const recordIds = [...counts]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, maxRecords)
    .map(([recordId]) => recordId);
  if (recordIds.length === 0) return [];
  const owners = await tx.patientRecord.findMany({
    where: { id: { in: recordIds } },
    select: { identifier: { select: { patientId: true } } },
  });
  const patientIds = [...new Set(owners.map((o) => o.identifier.patientId))];
  return comparePatients(tx, profile, patientIds);
}
