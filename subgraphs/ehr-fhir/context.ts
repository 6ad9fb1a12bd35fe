import type DataLoader from 'dataloader';
import type { RequestBase } from '../shared/http/subgraph-server';
import type { FhirJson } from './fhir/fhir-json';
import { createRecordLoader, type RecordRequest } from './records/record-query';
import type { DatabaseProvider } from '../shared/store/database-url';
import type { EhrFhirStore } from './store';

export interface EhrFhirContext extends RequestBase {
  store: EhrFhirStore;
  /** Base URL of the EHR's FHIR API: the `source.system` of every record, and the patient key system. */
  fhirBaseUrl: string;
  /** Records of patients for this request: one store query per field and batch. */
  records: DataLoader<RecordRequest, FhirJson[], string>;
}

export function createEhrFhirContext(
  base: RequestBase,
  store: EhrFhirStore,
  fhirBaseUrl: string,
  provider: DatabaseProvider,
): EhrFhirContext {
  return { ...base, store, fhirBaseUrl, records: createRecordLoader(store, provider) };
}
