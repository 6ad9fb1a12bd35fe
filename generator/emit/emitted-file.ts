/**
 * A file an emitter writes for one vendor: the path is relative to that vendor's
 * folder of the generated population (e.g. `ehr-fhir/`).
 */
export interface EmittedFile {
  path: string;
  content: string;
}
