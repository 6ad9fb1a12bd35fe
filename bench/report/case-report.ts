import type { CaseResult } from '../bench-case';
import type { MachineInfo } from '../harness/machine';

/** A case's result with the circumstances it was measured in. */
export interface CaseReport {
  result: CaseResult;
  machine: MachineInfo;
  /** The command that produced it, as typed. */
  command: string;
  /** ISO date-time the case started. */
  startedAt: string;
}
