import type {
  StoredMessage,
  StoredOrder,
  StoredPatient,
  StoredResult,
  StoredSegment,
  StoredVisit,
} from '../store';

/**
 * The rows ingest inserts with plain SQL (sql-insert.ts), with every column listed.
 * The compile-time checks below fail when the Prisma schema gains a column that a
 * list here misses, so a schema change cannot silently drop a column on insert.
 */
export type MessageRow = StoredMessage;
export type SegmentRow = StoredSegment;
export type PatientRow = StoredPatient;
export type VisitRow = StoredVisit;
export type OrderRow = StoredOrder;
export type ResultRow = StoredResult;

type Complete<Row, Columns extends readonly (keyof Row)[]> = [
  Exclude<keyof Row, Columns[number]>,
] extends [never]
  ? Columns
  : { missing: Exclude<keyof Row, Columns[number]> };

function columns<Row>() {
  return <const Columns extends readonly (keyof Row & string)[]>(
    list: Complete<Row, Columns>,
  ): Columns => list as Columns;
}

export const MESSAGE_COLUMNS = columns<MessageRow>()([
  'id',
  'controlId',
  'dedupKey',
  'messageType',
  'triggerEvent',
  'messageStructure',
  'version',
  'processingId',
  'sendingApplication',
  'sendingFacility',
  'receivingApplication',
  'receivingFacility',
  'messageDateTime',
  'receivedAt',
  'encoding',
  'segmentCount',
  'patientId',
  'raw',
]);

export const SEGMENT_COLUMNS = columns<SegmentRow>()([
  'messageId',
  'position',
  'segmentType',
  'setId',
  'keyValue',
  'raw',
]);

export const PATIENT_COLUMNS = columns<PatientRow>()([
  'id',
  'keySystem',
  'keyValue',
  'authority',
  'identifiersJson',
  'namesJson',
  'addressesJson',
  'telecomJson',
  'birthDate',
  'gender',
  'lastMessageId',
  'globalPatientId',
  'linkStatus',
  'linkVersion',
  'linkedVersion',
  'linkAttempts',
  'linkError',
  'nextLinkAt',
  'mergedIntoId',
  'createdAt',
  'updatedAt',
]);

export const VISIT_COLUMNS = columns<VisitRow>()([
  'id',
  'patientId',
  'visitKey',
  'visitNumber',
  'patientClass',
  'status',
  'admitTime',
  'dischargeTime',
  'admitAt',
  'dischargeAt',
  'lastEvent',
  'pv1',
  'pv2',
  'encoding',
  'sourceSystem',
  'version',
  'firstControlId',
  'lastMessageId',
  'createdAt',
  'updatedAt',
]);

export const ORDER_COLUMNS = columns<OrderRow>()([
  'id',
  'messageId',
  'patientId',
  'visitId',
  'position',
  'setId',
  'placerOrderNumber',
  'fillerOrderNumber',
  'serviceCode',
  'serviceCodeSystem',
  'serviceText',
  'observedTime',
  'resultStatus',
  'raw',
]);

export const RESULT_COLUMNS = columns<ResultRow>()([
  'id',
  'messageId',
  'orderId',
  'patientId',
  'visitId',
  'ordinal',
  'setId',
  'valueType',
  'code',
  'codeSystem',
  'codeSystemUri',
  'altCode',
  'altCodeSystem',
  'altCodeSystemUri',
  'codeText',
  'subId',
  'value',
  'units',
  'referenceRange',
  'abnormalFlags',
  'status',
  'effectiveTime',
  'effectiveAt',
  'issuedTime',
  'notesJson',
  'orderStatus',
  'raw',
  'encoding',
  'controlId',
  'version',
  'sourceSystem',
]);
