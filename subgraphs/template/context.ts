import type { RequestBase } from '../shared/http/subgraph-server';
import type { ReportStore } from './store/report-store';

export interface RadiologyContext extends RequestBase {
  store: ReportStore;
  /** The partner's patient-id system, to pick its own ids among the link keys. */
  patientSystem: string;
  /** Where records say they came from. */
  source: { subgraph: string; system: string };
}
