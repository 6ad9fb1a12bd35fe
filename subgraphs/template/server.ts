import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { IdentityClient } from '../shared/patient/identity-client';
import type { RadiologyConfig } from './config';
import type { RadiologyContext } from './context';
import { reportsRoute } from './ingest/reports.route';
import { patientReferenceResolvers } from './patient/patient.reference';
import { PatientRadiologyResolver } from './patient/patient.resolver';
import { Patient } from './patient/patient.type';
import { ReportStore } from './store/report-store';

export function buildRadiologySchema() {
  return buildFederatedSchema(
    {
      resolvers: [PatientRadiologyResolver],
      // Reached only through _entities: named so type-graphql emits it.
      orphanedTypes: [Patient],
    },
    patientReferenceResolvers,
  );
}

/**
 * Starts the partner subgraph. `startSubgraphServer` with `consentConfig` is what
 * puts it under PatientGraph's policy layer: GraphQL only for calls signed by the
 * gateway, the consent check of every @Sensitive field against the chain, and an
 * audit entry for each decision, written before the response leaves.
 */
export async function startRadiology(config: RadiologyConfig): Promise<RunningServer> {
  const logger = createLogger(config.name, config.logLevel);
  const store = ReportStore.open(config.storeFile);
  const identity = new IdentityClient(config.identityUrl, config.serviceToken);
  const schema = await buildRadiologySchema();
  const server = await startSubgraphServer<RadiologyContext>({
    name: config.name,
    schema,
    host: config.host,
    port: config.port,
    assertionPublicKey: config.assertionPublicKey,
    serviceToken: config.serviceToken,
    logger,
    createContext: (base) => ({
      ...base,
      store,
      patientSystem: config.patientSystem,
      source: { subgraph: config.name, system: config.reportSystem },
    }),
    consentConfig: config.consent,
    routes: [
      reportsRoute({
        store,
        identity,
        source: config.name,
        patientSystem: config.patientSystem,
        maxBodyBytes: config.maxBodyBytes,
      }),
    ],
  });
  return {
    ...server,
    async close() {
      await server.close();
      await store.close();
    },
  };
}
