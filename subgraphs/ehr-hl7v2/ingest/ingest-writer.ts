import { rowId } from './row-id';
import {
  MESSAGE_COLUMNS,
  ORDER_COLUMNS,
  PATIENT_COLUMNS,
  RESULT_COLUMNS,
  SEGMENT_COLUMNS,
  VISIT_COLUMNS,
  type MessageRow,
  type OrderRow,
  type PatientRow,
  type ResultRow,
  type SegmentRow,
  type VisitRow,
} from './store-rows';
import type { IngestPlan } from './ingest-plan';
import { applyMerges, type MergeSummary } from './merge-patients';
import type { SqlDatabase, SqlExecutor } from '../../shared/store/sql-database';
import { insertRows, marks, updateRow } from '../../shared/store/sql-insert';
import { applyPatient, patientKey, stateFromRow, type PatientState } from './patient-state';
import {
  OPEN_VISIT_STATUSES,
  applyVisit,
  visitStateFromRow,
  visitStateKey,
  type VisitState,
} from './visit-state';

export type WriteOutcome =
  | { status: 'stored'; messageId: string; merges: MergeSummary[] }
  | { status: 'duplicate'; messageId: string };

export interface WriteResult {
  outcomes: WriteOutcome[];
  /** Local patients whose link to identity must be (re)made. */
  relinkPatientIds: string[];
}

/**
 * Writes a batch of planned messages in one transaction, with a fixed number of
 * store round trips whatever the batch holds: read what exists (messages by
 * idempotency key, patients by key, their visits), apply every message in order
 * in memory, then write each table once. The caller retries messages one by one
 * when a batch fails, so a message the store refuses never takes others with it.
 */
export async function writePlans(
  db: SqlDatabase,
  plans: IngestPlan[],
  now: Date,
): Promise<WriteResult> {
  if (plans.length > 1 && plans.some((p) => p.merges.length > 0)) {
    throw new Error('merge messages are written on their own');
  }
  return db.transaction((tx) => writeInTransaction(tx, plans, now));
}

async function loadPatients(
  tx: SqlExecutor,
  plans: IngestPlan[],
): Promise<Map<string, PatientState>> {
  const wanted = new Map<string, [string, string]>();
  for (const plan of plans) {
    for (const p of plan.patients)
      wanted.set(patientKey(p.keySystem, p.keyValue), [p.keySystem, p.keyValue]);
    for (const m of plan.merges)
      wanted.set(patientKey(m.priorSystem, m.priorValue), [m.priorSystem, m.priorValue]);
  }
  if (wanted.size === 0) return new Map();
  const pairs = [...wanted.values()];
  const rows = await tx.query<PatientRow>(
    `SELECT * FROM "Hl7Patient" WHERE ${pairs.map(() => '("keySystem" = ? AND "keyValue" = ?)').join(' OR ')}`,
    pairs.flat(),
  );
  return new Map(rows.map((row) => [patientKey(row.keySystem, row.keyValue), stateFromRow(row)]));
}

async function loadVisits(
  tx: SqlExecutor,
  plans: IngestPlan[],
  patients: Map<string, PatientState>,
): Promise<Map<string, VisitState>> {
  const patientIds = [
    ...new Set([...patients.values()].filter((p) => !p.isNew).map((p) => p.mergedIntoId ?? p.id)),
  ];
  if (patientIds.length === 0 || plans.every((p) => p.visits.length === 0)) return new Map();
  const keys = [
    ...new Set(
      plans
        .flatMap((p) => p.visits.map((v) => v.record.key))
        .filter((k): k is string => k !== null),
    ),
  ];
  const byKey = keys.length ? `"visitKey" IN ${marks(keys.length)} OR ` : '';
  const rows = await tx.query<VisitRow>(
    `SELECT * FROM "Hl7Visit" WHERE "patientId" IN ${marks(patientIds.length)} AND (${byKey}"status" IN ${marks(OPEN_VISIT_STATUSES.length)})`,
    [...patientIds, ...keys, ...OPEN_VISIT_STATUSES],
  );
  return new Map(
    rows.map((row) => [visitStateKey(row.patientId, row.visitKey), visitStateFromRow(row)]),
  );
}

async function writeInTransaction(
  tx: SqlExecutor,
  plans: IngestPlan[],
  now: Date,
): Promise<WriteResult> {
  const dedupKeys = [...new Set(plans.map((p) => p.dedupKey))];
  const existing = await tx.query<{ id: string; dedupKey: string }>(
    `SELECT "id", "dedupKey" FROM "Hl7Message" WHERE "dedupKey" IN ${marks(dedupKeys.length)}`,
    dedupKeys,
  );
  const known = new Map(existing.map((m) => [m.dedupKey, m.id]));
  const patients = await loadPatients(tx, plans);
  const visits = await loadVisits(tx, plans, patients);

  const outcomes: WriteOutcome[] = [];
  const messages: MessageRow[] = [];
  const segments: SegmentRow[] = [];
  const orders: OrderRow[] = [];
  const results: ResultRow[] = [];

  for (const plan of plans) {
    const previous = known.get(plan.dedupKey);
    if (previous) {
      outcomes.push({ status: 'duplicate', messageId: previous });
      continue;
    }
    const messageId = rowId();
    known.set(plan.dedupKey, messageId);
    const authoritative = plan.header.messageType === 'ADT';
    // Records about a patient merged away belong to the survivor.
    const patientIds = plan.patients.map((record) => {
      const state = applyPatient(patients, record, messageId, authoritative);
      return state.mergedIntoId ?? state.id;
    });
    const visitIds = plan.visits.map((v) =>
      applyVisit(visits, v, patientIds[v.patientIndex]!, plan, messageId),
    );
    const orderIds = plan.orders.map(() => rowId());
    plan.orders.forEach((order, index) => {
      const { patientIndex, visitIndex, observedAt: _o, issuedTime: _i, ...columns } = order;
      orders.push({
        ...columns,
        id: orderIds[index]!,
        messageId,
        patientId: patientIds[patientIndex]!,
        visitId: visitIndex === null ? null : visitIds[visitIndex]!,
      });
    });
    for (const result of plan.results) {
      const { patientIndex, visitIndex, orderIndex, notes, ...columns } = result;
      results.push({
        ...columns,
        id: rowId(),
        messageId,
        orderId: orderIndex === null ? null : orderIds[orderIndex]!,
        patientId: patientIds[patientIndex]!,
        visitId: visitIndex === null ? null : visitIds[visitIndex]!,
        notesJson: JSON.stringify(notes),
        encoding: plan.encoding,
        controlId: plan.header.controlId,
        version: plan.header.version,
        sourceSystem: plan.sourceSystem,
      });
    }
    messages.push(messageRow(plan, messageId, patientIds[0] ?? null));
    for (const segment of plan.segments) segments.push({ ...segment, messageId });
    outcomes.push({ status: 'stored', messageId, merges: [] });
  }

  await writePatients(tx, [...patients.values()], now);
  await writeVisits(tx, [...visits.values()], now);
  await insertRows(tx, 'Hl7Message', MESSAGE_COLUMNS, messages);
  await insertRows(tx, 'Hl7Segment', SEGMENT_COLUMNS, segments);
  await insertRows(tx, 'Hl7Order', ORDER_COLUMNS, orders);
  await insertRows(tx, 'Hl7Result', RESULT_COLUMNS, results);

  const relink = new Set([...patients.values()].filter((p) => p.relink).map((p) => p.id));
  for (const [index, plan] of plans.entries()) {
    const outcome = outcomes[index]!;
    if (outcome.status !== 'stored' || plan.merges.length === 0) continue;
    outcome.merges = await applyMerges(tx, plan, outcome.messageId, patients, now);
    for (const merge of outcome.merges) relink.add(merge.survivorPatientId);
  }
  return { outcomes, relinkPatientIds: [...relink] };
}

function messageRow(plan: IngestPlan, id: string, patientId: string | null): MessageRow {
  const h = plan.header;
  return {
    id,
    controlId: h.controlId,
    dedupKey: plan.dedupKey,
    messageType: h.messageType,
    triggerEvent: h.triggerEvent,
    messageStructure: h.messageStructure || null,
    version: h.version,
    processingId: h.processingId || null,
    sendingApplication: h.sendingApplication,
    sendingFacility: h.sendingFacility,
    receivingApplication: h.receivingApplication,
    receivingFacility: h.receivingFacility,
    messageDateTime: h.messageDateTime || null,
    receivedAt: plan.receivedAt,
    encoding: plan.encoding,
    segmentCount: plan.segments.length,
    patientId,
    raw: plan.raw,
  };
}

function patientColumns(p: PatientState) {
  return {
    keySystem: p.keySystem,
    keyValue: p.keyValue,
    authority: p.authority,
    identifiersJson: p.identifiersJson,
    namesJson: p.namesJson,
    addressesJson: p.addressesJson,
    telecomJson: p.telecomJson,
    birthDate: p.birthDate,
    gender: p.gender,
    lastMessageId: p.lastMessageId,
  };
}

async function writePatients(tx: SqlExecutor, states: PatientState[], now: Date): Promise<void> {
  const created: PatientRow[] = states
    .filter((p) => p.isNew)
    .map((p) => ({
      id: p.id,
      ...patientColumns(p),
      globalPatientId: null,
      linkStatus: 'pending',
      linkVersion: p.linkVersion,
      linkedVersion: null,
      linkAttempts: 0,
      linkError: null,
      nextLinkAt: now,
      mergedIntoId: p.mergedIntoId,
      createdAt: now,
      updatedAt: now,
    }));
  await insertRows(tx, 'Hl7Patient', PATIENT_COLUMNS, created);
  for (const p of states.filter((s) => !s.isNew && s.dirty)) {
    await updateRow(tx, 'Hl7Patient', p.id, {
      ...patientColumns(p),
      updatedAt: now,
      ...(p.relink
        ? { linkStatus: 'pending', linkVersion: p.linkVersion, linkAttempts: 0, nextLinkAt: now }
        : {}),
    });
  }
}

async function writeVisits(tx: SqlExecutor, states: VisitState[], now: Date): Promise<void> {
  const columns = (v: VisitState) => {
    const { isNew: _n, dirty: _d, id: _id, ...rest } = v;
    return rest;
  };
  const created: VisitRow[] = states
    .filter((v) => v.isNew)
    .map((v) => ({ id: v.id, ...columns(v), createdAt: now, updatedAt: now }));
  await insertRows(tx, 'Hl7Visit', VISIT_COLUMNS, created);
  for (const v of states.filter((s) => !s.isNew && s.dirty)) {
    await updateRow(tx, 'Hl7Visit', v.id, { ...columns(v), updatedAt: now });
  }
}
