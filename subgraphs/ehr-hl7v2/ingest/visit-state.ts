import { rowId } from './row-id';
import { visitStatusAfter } from '../mappers/pv1-to-visit';
import type { StoredVisit } from '../store';
import { toDate } from '../../shared/store/sql-database';
import type { IngestPlan, PlannedVisit } from './ingest-plan';

/** A visit row as a batch changes it (see patient-state.ts for the pattern). */
export interface VisitState {
  id: string;
  isNew: boolean;
  dirty: boolean;
  patientId: string;
  visitKey: string;
  visitNumber: string | null;
  patientClass: string | null;
  status: string;
  admitTime: string | null;
  dischargeTime: string | null;
  admitAt: Date | null;
  dischargeAt: Date | null;
  lastEvent: string;
  pv1: string;
  pv2: string | null;
  encoding: string;
  sourceSystem: string;
  version: string;
  firstControlId: string;
  lastMessageId: string;
}

export const OPEN_VISIT_STATUSES = ['in-progress', 'planned', 'arrived', 'unknown'];

export function visitStateKey(patientId: string, visitKey: string): string {
  return `${patientId}\u0000${visitKey}`;
}

/** A visit row as read back by the write path (dates may come as text from SQLite). */
export function visitStateFromRow(row: StoredVisit): VisitState {
  const { createdAt: _c, updatedAt: _u, ...columns } = row;
  return {
    ...columns,
    admitAt: toDate(row.admitAt),
    dischargeAt: toDate(row.dischargeAt),
    isNew: false,
    dirty: false,
  };
}

/** The patient's most recent visit that is not over, for ADT events that name no visit. */
function openVisitOf(states: Map<string, VisitState>, patientId: string): VisitState | undefined {
  let best: VisitState | undefined;
  for (const state of states.values()) {
    if (state.patientId !== patientId || !OPEN_VISIT_STATUSES.includes(state.status)) continue;
    const at = state.admitAt?.getTime() ?? 0;
    if (!best || at >= (best.admitAt?.getTime() ?? 0)) best = state;
  }
  return best;
}

/**
 * Applies one PV1 to the visit states and returns the visit's id. ADT events
 * create and maintain visits; a result's PV1 only links to the visit it names
 * (creating it when ADT has not announced it yet).
 */
export function applyVisit(
  states: Map<string, VisitState>,
  planned: PlannedVisit,
  patientId: string,
  plan: IngestPlan,
  messageId: string,
): string {
  const record = planned.record;
  const event = plan.header.triggerEvent;
  let state = record.key
    ? states.get(visitStateKey(patientId, record.key))
    : openVisitOf(states, patientId);
  if (state && !planned.fromAdt) return state.id;
  if (!state) {
    state = {
      id: rowId(),
      isNew: true,
      dirty: true,
      patientId,
      visitKey: record.key ?? `msg:${messageId}`,
      visitNumber: record.visitNumber,
      patientClass: record.patientClass,
      status: visitStatusAfter(event, null, record.dischargeTime !== null),
      admitTime: record.admitTime,
      dischargeTime: record.dischargeTime,
      admitAt: record.admitAt,
      dischargeAt: record.dischargeAt,
      lastEvent: event,
      pv1: record.pv1,
      pv2: record.pv2,
      encoding: plan.encoding,
      sourceSystem: plan.sourceSystem,
      version: plan.header.version,
      firstControlId: plan.header.controlId,
      lastMessageId: messageId,
    };
    states.set(visitStateKey(patientId, state.visitKey), state);
    return state.id;
  }
  state.dirty = true;
  state.patientClass = record.patientClass ?? state.patientClass;
  if (record.admitTime) {
    state.admitTime = record.admitTime;
    state.admitAt = record.admitAt;
  }
  if (event === 'A13') {
    // Cancel discharge: the visit goes on.
    state.dischargeTime = null;
    state.dischargeAt = null;
  } else if (record.dischargeTime) {
    state.dischargeTime = record.dischargeTime;
    state.dischargeAt = record.dischargeAt;
  }
  state.visitNumber = record.visitNumber ?? state.visitNumber;
  state.status = visitStatusAfter(event, state.status, state.dischargeTime !== null);
  state.lastEvent = event;
  state.pv1 = record.pv1;
  state.pv2 = record.pv2 ?? state.pv2;
  state.encoding = plan.encoding;
  state.version = plan.header.version;
  state.lastMessageId = messageId;
  return state.id;
}
