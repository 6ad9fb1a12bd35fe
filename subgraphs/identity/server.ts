import { buildFederatedSchema } from '../shared/build-subgraph-schema';
import { startSubgraphServer, type RunningServer } from '../shared/http/subgraph-server';
import { createLogger } from '../shared/logger';
import { migrateDatabase } from '../shared/store/migrate';
import type { IdentityConfig } from './config';
import { ConsentRegistry } from '../../contracts/consent-registry';
import { startConsentRuntime } from '../shared/consent/consent-runtime';
import { ConsentRelayer } from './consent/consent-relayer';
import { ConsentResolver } from './consent/consent.resolver';
import { parseDatabaseUrl } from '../shared/store/database-url';
import { createIdentityContext } from './context';
import { chainAddressRoute } from './linking/chain-address.route';
import { linksRoute } from './linking/links.route';
import { resolveLinksRoute } from './linking/resolve-links.route';
import { mergeRoutes } from './merging/merge.routes';
import { reviewRoutes } from './review/review.routes';
import { patientReferenceResolvers } from './patient/patient.reference';
import { PatientResolver } from './patient/patient.resolver';
import { openIdentityStore } from './store';

export function buildIdentitySchema() {
  return buildFederatedSchema(
    { resolvers: [PatientResolver, ConsentResolver] },
    patientReferenceResolvers,
  );
}

/** Starts the identity subgraph: store, schema, HTTP. */
export async function startIdentity(config: IdentityConfig): Promise<RunningServer> {
  const logger = createLogger('identity', config.logLevel);
  if (config.migrateOnStart) await migrateDatabase('identity', config.databaseUrl);
  const store = await openIdentityStore(config.databaseUrl);
  const consent = await startConsentRuntime(config.consent, logger);
  const relaying = config.relayerPrivateKey
    ? ConsentRegistry.connect({
        rpcUrl: config.consent.chainRpcUrl,
        address: consent.registry.address,
        chainId: consent.chainId,
        privateKey: config.relayerPrivateKey,
      })
    : undefined;
  const services = {
    store,
    provider: parseDatabaseUrl(config.databaseUrl).provider,
    consentRelayer: new ConsentRelayer(consent.registry, relaying?.registry),
    accessLog: consent.accessLog,
  };
  const schema = await buildIdentitySchema();
  const server = await startSubgraphServer({
    name: 'identity',
    schema,
    host: config.host,
    port: config.port,
    assertionPublicKey: config.assertionPublicKey,
    serviceToken: config.serviceToken,
    logger,
    createContext: (base) => createIdentityContext(base, services),
    routes: [
      linksRoute(store, config.match, services.provider),
      resolveLinksRoute(store),
      chainAddressRoute(store),
      ...reviewRoutes(store),
      ...mergeRoutes(store),
    ],
    consent,
  });
  return {
    ...server,
    async close() {
      await server.close();
      await consent.close();
      relaying?.provider.destroy();
      await store.$disconnect();
    },
  };
}
