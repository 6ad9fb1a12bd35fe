import type DataLoader from 'dataloader';
import type { Encounter } from '../shared/fhir/encounter.type';
import type { Observation } from '../shared/fhir/observation.type';
import type { RequestBase } from '../shared/http/subgraph-server';
import {
  createLabResultsLoader,
  createLocalPatientLoader,
  createVisitsLoader,
  type RecordsKey,
} from './patient/patient-records.loader';
import type { LabResultArgs, VisitArgs } from './patient/record-filters';
import type { DatabaseProvider } from '../shared/store/database-url';
import type { Hl7Store } from './store';

export interface Hl7Context extends RequestBase {
  store: Hl7Store;
  labResults: DataLoader<RecordsKey<LabResultArgs>, Observation[], string>;
  visits: DataLoader<RecordsKey<VisitArgs>, Encounter[], string>;
}

/** A request's context: fresh loaders, so batching and caching never cross requests. */
export function createHl7Context(
  base: RequestBase,
  store: Hl7Store,
  defaultOffset: string,
  provider: DatabaseProvider = 'sqlite',
): Hl7Context {
  const localPatients = createLocalPatientLoader(store, provider);
  return {
    ...base,
    store,
    labResults: createLabResultsLoader(store, localPatients, defaultOffset, provider),
    visits: createVisitsLoader(store, localPatients, provider),
  };
}
