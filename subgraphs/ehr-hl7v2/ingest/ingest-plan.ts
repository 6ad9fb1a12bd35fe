import type { Hl7Problem } from '../hl7/hl7-message';
import type { Hl7OrderRecord, Hl7ResultRecord } from '../mappers/obx-to-result';
import type { Hl7PatientRecord } from '../mappers/pid-to-patient';
import type { Hl7VisitRecord } from '../mappers/pv1-to-visit';
import type { Hl7Header } from './message-header';

/**
 * Everything one message will write, worked out before touching the store (pure,
 * so a message that cannot be mapped is refused without a transaction).
 */
export interface SegmentRecord {
  position: number;
  segmentType: string;
  setId: string | null;
  keyValue: string | null;
  raw: string;
}

export interface PlannedVisit {
  patientIndex: number;
  record: Hl7VisitRecord;
  /** ADT visits are maintained by the message; ORU only creates a visit it does not know. */
  fromAdt: boolean;
}

export interface PlannedOrder extends Hl7OrderRecord {
  patientIndex: number;
  visitIndex: number | null;
}

export interface PlannedResult extends Hl7ResultRecord {
  patientIndex: number;
  visitIndex: number | null;
}

export interface PlannedMerge {
  /** The surviving patient (PID of the merge pair). */
  patientIndex: number;
  /** MRG-1: the merged patient's key. */
  priorSystem: string;
  priorValue: string;
}

export interface IngestPlan {
  header: Hl7Header;
  dedupKey: string;
  /** The message, segments joined by CR. */
  raw: string;
  /** MSH-1 + MSH-2. */
  encoding: string;
  sourceSystem: string;
  receivedAt: Date;
  segments: SegmentRecord[];
  patients: Hl7PatientRecord[];
  visits: PlannedVisit[];
  orders: PlannedOrder[];
  results: PlannedResult[];
  merges: PlannedMerge[];
}

/** A message refused before the store: AR (cannot or will not read it) or AE (cannot process it). */
export interface PlanRejection {
  code: 'AE' | 'AR';
  problems: Hl7Problem[];
}
