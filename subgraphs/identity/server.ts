import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { migrateDatabase } from '../shared/store/migrate';
import type { IdentityConfig } from './config';
import { createIdentityContext } from './context';
import { chainAddressRoute } from './linking/chain-address.route';
import { linksRoute } from './linking/links.route';
import { patientReferenceResolvers } from './patient/patient.reference';
import { PatientResolver } from './patient/patient.resolver';
import { openIdentityStore } from './store';

export function buildIdentitySchema() {
  return buildFederatedSchema({ resolvers: [PatientResolver] }, patientReferenceResolvers);
}

/** Starts the identity subgraph: store, schema, HTTP. */
export async function startIdentity(config: IdentityConfig): Promise<RunningServer> {
  const logger = createLogger('identity', config.logLevel);
  if (config.migrateOnStart) await migrateDatabase('identity', config.databaseUrl);
  const store = await openIdentityStore(config.databaseUrl);
  const schema = await buildIdentitySchema();
  const server = await startSubgraphServer({
    name: 'identity',
    schema,
    host: config.host,
    port: config.port,
    assertionPublicKey: config.assertionPublicKey,
    serviceToken: config.serviceToken,
    logger,
    createContext: (base) => createIdentityContext(base, store),
    routes: [linksRoute(store), chainAddressRoute(store)],
    consentConfig: config.consent,
  });
  return {
    ...server,
    async close() {
      await server.close();
      await store.$disconnect();
    },
  };
}
