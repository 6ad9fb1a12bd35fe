import type { ApolloGateway } from '@apollo/gateway';
import { DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES, Supergraph } from '@apollo/federation-internals';
import type { ApolloServerPlugin } from '@apollo/server';

/** The `for: SECURITY` features PatientGraph's gateway enforces itself (policy-plugin.ts). */
export const ENFORCED_SECURITY_FEATURES = [
  'https://specs.apollo.dev/policy/v0.1',
  'https://specs.apollo.dev/authenticated/v0.1',
  'https://specs.apollo.dev/requiresScopes/v0.1',
] as const;

interface GatewayInternals {
  config: { validateSupergraph?: boolean };
  createServices(services: ReturnType<Supergraph['subgraphsMetadata']>): void;
  createSchemaFromSupergraphSdl(sdl: string): { supergraph: Supergraph; supergraphSdl: string };
}

/**
 * Stock @apollo/gateway refuses a supergraph that links a feature `for: SECURITY`
 * it does not implement ("feature https://specs.apollo.dev/policy/v0.1 is for:
 * SECURITY but is unsupported"), and rightly so. This lets ONE gateway instance
 * accept exactly the features PatientGraph enforces, and only when it is handed
 * the enforcing plugin: accepting without enforcing is not possible through here.
 * (The gateway's method is private in its typings; its body is mirrored here with
 * the extended feature set: Supergraph.build + createServices.)
 */
export function acceptEnforcedSecurityFeatures(
  gateway: ApolloGateway,
  enforcement: ApolloServerPlugin<never> | ApolloServerPlugin<Record<string, unknown>> | object,
): void {
  if (!enforcement)
    throw new Error('Refusing to accept SECURITY features without their enforcement');
  const supported = new Set([
    ...DEFAULT_SUPPORTED_SUPERGRAPH_FEATURES,
    ...ENFORCED_SECURITY_FEATURES,
  ]);
  const internals = gateway as unknown as GatewayInternals;
  internals.createSchemaFromSupergraphSdl = function createSchemaFromSupergraphSdl(
    this: GatewayInternals,
    supergraphSdl: string,
  ) {
    const validateSupergraph =
      this.config.validateSupergraph ?? process.env.NODE_ENV !== 'production';
    const supergraph = Supergraph.build(supergraphSdl, {
      supportedFeatures: supported,
      validateSupergraph,
    });
    this.createServices(supergraph.subgraphsMetadata());
    return { supergraph, supergraphSdl };
  };
}
