import { randomUUID } from 'node:crypto';
import type { Prisma, StoredPatient } from '../store';
import type { Hl7Store } from '../store';
import type { IngestPlan } from './ingest-plan';
import { applyMerges, type MergeSummary } from './merge-patients';
import { applyPatient, patientKey, stateFromRow, type PatientState } from './patient-state';
import {
  OPEN_VISIT_STATUSES,
  applyVisit,
  visitStateFromRow,
  visitStateKey,
  type VisitState,
} from './visit-state';

export type Tx = Prisma.TransactionClient;

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
  store: Hl7Store,
  plans: IngestPlan[],
  now: Date,
): Promise<WriteResult> {
  if (plans.length > 1 && plans.some((p) => p.merges.length > 0)) {
    throw new Error('merge messages are written on their own');
  }
  return store.$transaction((tx) => writeInTransaction(tx, plans, now), {
    maxWait: 30_000,
    timeout: 60_000,
  });
}

async function loadPatients(tx: Tx, plans: IngestPlan[]): Promise<Map<string, PatientState>> {
  const wanted = new Map<string, { keySystem: string; keyValue: string }>();
  for (const plan of plans) {
    for (const p of plan.patients) {
      wanted.set(patientKey(p.keySystem, p.keyValue), {
        keySystem: p.keySystem,
        keyValue: p.keyValue,
      });
    }
    for (const m of plan.merges) {
      wanted.set(patientKey(m.priorSystem, m.priorValue), {
        keySystem: m.priorSystem,
        keyValue: m.priorValue,
      });
    }
  }
  const rows: StoredPatient[] = wanted.size
    ? await tx.hl7Patient.findMany({ where: { OR: [...wanted.values()] } })
    : [];
  return new Map(rows.map((row) => [patientKey(row.keySystem, row.keyValue), stateFromRow(row)]));
}

async function loadVisits(
  tx: Tx,
  plans: IngestPlan[],
  patients: Map<string, PatientState>,
): Promise<Map<string, VisitState>> {
  const patientIds = [...patients.values()]
    .filter((p) => !p.isNew)
    .map((p) => p.mergedIntoId ?? p.id);
  const keys = [
    ...new Set(
      plans
        .flatMap((p) => p.visits.map((v) => v.record.key))
        .filter((k): k is string => k !== null),
    ),
  ];
  if (patientIds.length === 0 || plans.every((p) => p.visits.length === 0)) return new Map();
  const rows = await tx.hl7Visit.findMany({
    where: {
      patientId: { in: patientIds },
      OR: [{ visitKey: { in: keys } }, { status: { in: OPEN_VISIT_STATUSES } }],
    },
  });
  return new Map(
    rows.map((row) => [visitStateKey(row.patientId, row.visitKey), visitStateFromRow(row)]),
  );
}

async function writeInTransaction(tx: Tx, plans: IngestPlan[], now: Date): Promise<WriteResult> {
  const T0 = Date.now();
  const existing = await tx.hl7Message.findMany({
    where: { dedupKey: { in: plans.map((p) => p.dedupKey) } },
    select: { id: true, dedupKey: true },
  });
  const known = new Map(existing.map((m) => [m.dedupKey, m.id]));
  const patients = await loadPatients(tx, plans);
  const byId = new Map([...patients.values()].map((p) => [p.id, p]));
  const visits = await loadVisits(tx, plans, patients);

  if (process.env.HL7_DEBUG) console.error('reads', Date.now() - T0);
  const outcomes: WriteOutcome[] = [];
  const messages: Prisma.Hl7MessageCreateManyInput[] = [];
  const segments: Prisma.Hl7SegmentCreateManyInput[] = [];
  const orders: Prisma.Hl7OrderCreateManyInput[] = [];
  const results: Prisma.Hl7ResultCreateManyInput[] = [];

  for (const plan of plans) {
    const previous = known.get(plan.dedupKey);
    if (previous) {
      outcomes.push({ status: 'duplicate', messageId: previous });
      continue;
    }
    const messageId = randomUUID();
    known.set(plan.dedupKey, messageId);
    const authoritative = plan.header.messageType === 'ADT';
    // Records about a patient merged away belong to the survivor.
    const patientIds = plan.patients.map((record) => {
      const state = applyPatient(patients, record, messageId, authoritative);
      byId.set(state.id, state);
      return state.mergedIntoId ?? state.id;
    });
    const visitIds = plan.visits.map((v) =>
      applyVisit(visits, v, patientIds[v.patientIndex]!, plan, messageId),
    );
    const orderIds = plan.orders.map(() => randomUUID());
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
        id: randomUUID(),
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

  const T: number[] = [Date.now()];
  await writePatients(tx, [...patients.values()], now); T.push(Date.now());
  await writeVisits(tx, [...visits.values()]); T.push(Date.now());
  if (messages.length) await tx.hl7Message.createMany({ data: messages }); T.push(Date.now());
  if (segments.length) await tx.hl7Segment.createMany({ data: segments }); T.push(Date.now());
  if (orders.length) await tx.hl7Order.createMany({ data: orders }); T.push(Date.now());
  if (results.length) await tx.hl7Result.createMany({ data: results }); T.push(Date.now());
  if (process.env.HL7_DEBUG) console.error('steps', T.slice(1).map((t, i) => t - T[i]!).join(' '), 'rows', segments.length, results.length);

  const relink = new Set([...patients.values()].filter((p) => p.relink).map((p) => p.id));
  for (const [index, plan] of plans.entries()) {
    const outcome = outcomes[index]!;
    if (outcome.status !== 'stored' || plan.merges.length === 0) continue;
    outcome.merges = await applyMerges(tx, plan, outcome.messageId, patients, now);
    for (const merge of outcome.merges) relink.add(merge.survivorPatientId);
  }
  return { outcomes, relinkPatientIds: [...relink] };
}

function messageRow(
  plan: IngestPlan,
  id: string,
  patientId: string | null,
): Prisma.Hl7MessageCreateManyInput {
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

async function writePatients(tx: Tx, states: PatientState[], now: Date): Promise<void> {
  const created = states.filter((p) => p.isNew);
  if (created.length) {
    await tx.hl7Patient.createMany({
      data: created.map((p) => ({
        id: p.id,
        ...patientColumns(p),
        linkStatus: 'pending',
        linkVersion: p.linkVersion,
        nextLinkAt: now,
      })),
    });
  }
  for (const p of states.filter((s) => !s.isNew && s.dirty)) {
    await tx.hl7Patient.update({
      where: { id: p.id },
      data: {
        ...patientColumns(p),
        ...(p.relink
          ? { linkStatus: 'pending', linkVersion: p.linkVersion, linkAttempts: 0, nextLinkAt: now }
          : {}),
      },
    });
  }
}

async function writeVisits(tx: Tx, states: VisitState[]): Promise<void> {
  const created = states.filter((v) => v.isNew);
  const columns = (v: VisitState) => {
    const { isNew: _n, dirty: _d, id: _id, ...rest } = v;
    return rest;
  };
  if (created.length) {
    await tx.hl7Visit.createMany({ data: created.map((v) => ({ id: v.id, ...columns(v) })) });
  }
  for (const v of states.filter((s) => !s.isNew && s.dirty)) {
    await tx.hl7Visit.update({ where: { id: v.id }, data: columns(v) });
  }
}
