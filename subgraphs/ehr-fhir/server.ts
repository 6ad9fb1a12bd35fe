import { Encounter } from '../shared/fhir/encounter.type';
import { Observation } from '../shared/fhir/observation.type';
import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { parseDatabaseUrl } from '../shared/store/database-url';
import { migrateDatabase } from '../shared/store/migrate';
import type { EhrFhirConfig } from './config';
import { createEhrFhirContext } from './context';
import { fhirRoutes } from './ingest/fhir.routes';
import { PatientLinker } from './linking/patient-linker';
import { patientReferenceResolvers } from './patient/patient.reference';
import { EhrPatientResolver } from './patient/patient.resolver';
import { EhrPatient } from './patient/patient.type';
import { openEhrFhirStore } from './store';

export function buildEhrFhirSchema() {
  return buildFederatedSchema(
    { resolvers: [EhrPatientResolver], orphanedTypes: [EhrPatient, Observation, Encounter] },
    patientReferenceResolvers,
  );
}

/** Starts the FHIR EHR subgraph: store, identity linker (with retries), schema, HTTP. */
export async function startEhrFhir(config: EhrFhirConfig): Promise<RunningServer> {
  const logger = createLogger('ehr-fhir', config.logLevel);
  if (config.migrateOnStart) await migrateDatabase('ehr-fhir', config.databaseUrl);
  const store = await openEhrFhirStore(config.databaseUrl);
  const provider = parseDatabaseUrl(config.databaseUrl).provider;
  const linker = new PatientLinker(
    store,
    config.identityUrl,
    config.serviceToken,
    logger,
    8,
    provider,
  );
  const schema = await buildEhrFhirSchema();
  const server = await startSubgraphServer({
    name: 'ehr-fhir',
    schema,
    host: config.host,
    port: config.port,
    assertionPublicKey: config.assertionPublicKey,
    serviceToken: config.serviceToken,
    logger,
    createContext: (base) => createEhrFhirContext(base, store, config.fhirBaseUrl, provider),
    consentConfig: config.consent,
    routes: fhirRoutes(
      {
        store,
        provider,
        linker,
        fhirBaseUrl: config.fhirBaseUrl,
        logger,
      },
      config.maxBundleBytes,
    ),
  });
  linker.start(config.linkRetryIntervalMs);
  return {
    ...server,
    async close() {
      await server.close();
      await linker.stop();
      await store.$disconnect();
    },
  };
}
