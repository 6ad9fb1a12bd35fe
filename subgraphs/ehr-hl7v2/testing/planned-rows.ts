import { parseHl7Message } from '../hl7/hl7-parser';
import type { IngestPlan } from '../ingest/ingest-plan';
import { readHeader } from '../ingest/message-header';
import { isRejection, planMessage } from '../ingest/plan-message';
import { DEFAULT_AUTHORITY_SYSTEMS } from '../mappers/identifier-systems';
import type { StoredResult, StoredVisit } from '../store';

/** Plans a message the way the ingestor does (tests of mappers and writers). */
export function planOf(text: string, receivedAt = new Date('2026-01-01T00:00:00Z')): IngestPlan {
  const message = parseHl7Message(text);
  const plan = planMessage(message, readHeader(message).header, {
    authoritySystems: DEFAULT_AUTHORITY_SYSTEMS,
    defaultOffset: 'Z',
    receivedAt,
  });
  if (isRejection(plan)) throw new Error(`plan rejected: ${plan.problems[0]?.text}`);
  return plan;
}

/** The rows the writer would store for a plan's results, without a database. */
export function resultRowsOf(plan: IngestPlan): StoredResult[] {
  return plan.results.map((result, index) => {
    const { patientIndex: _p, visitIndex, orderIndex, notes, ...columns } = result;
    return {
      ...columns,
      id: `result-${index + 1}`,
      messageId: 'message-1',
      orderId: orderIndex === null ? null : `order-${orderIndex + 1}`,
      patientId: 'patient-1',
      visitId: visitIndex === null ? null : `visit-${visitIndex + 1}`,
      notesJson: JSON.stringify(notes),
      encoding: plan.encoding,
      controlId: plan.header.controlId,
      version: plan.header.version,
      sourceSystem: plan.sourceSystem,
    };
  });
}

/** The row the writer would store for a plan's first visit, as a new visit. */
export function visitRowOf(plan: IngestPlan, status: string): StoredVisit {
  const record = plan.visits[0]!.record;
  return {
    id: 'visit-1',
    patientId: 'patient-1',
    visitKey: record.key ?? 'msg:message-1',
    visitNumber: record.visitNumber,
    patientClass: record.patientClass,
    status,
    admitTime: record.admitTime,
    dischargeTime: record.dischargeTime,
    admitAt: record.admitAt,
    dischargeAt: record.dischargeAt,
    lastEvent: plan.header.triggerEvent,
    pv1: record.pv1,
    pv2: record.pv2,
    encoding: plan.encoding,
    sourceSystem: plan.sourceSystem,
    version: plan.header.version,
    firstControlId: plan.header.controlId,
    lastMessageId: 'message-1',
    createdAt: new Date(0),
    updatedAt: new Date(0),
  };
}
