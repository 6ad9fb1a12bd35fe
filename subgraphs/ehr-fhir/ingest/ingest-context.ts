import type { Logger } from '../../shared/logger';
import type { DatabaseProvider } from '../../shared/store/database-url';
import type { PatientLinker } from '../linking/patient-linker';
import type { EhrFhirStore } from '../store';

/** What the ingest paths need: the store, the identity linker, and where records come from. */
export interface IngestContext {
  store: EhrFhirStore;
  /** Which SQL dialect bulk inserts are written in. */
  provider: DatabaseProvider;
  linker: PatientLinker;
  fhirBaseUrl: string;
  logger: Logger;
  /** The clock, injected so tests can pin lastUpdated. */
  now?: () => Date;
}
