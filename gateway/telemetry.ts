/**
 * Keeps @apollo/gateway from phoning home. Stock @apollo/gateway 2.x, unless
 * APOLLO_TELEMETRY_DISABLED is "true" or "1" when `new ApolloGateway()` runs,
 * exports usage metrics to usage-reporting.api.apollographql.com and, while
 * starting, its OpenTelemetry resource detectors probe the AWS, GCP, Azure and
 * Alibaba cloud metadata addresses (dist/utilities/opentelemetry.js). A gateway in
 * front of patient data must never do either, whatever the operator's
 * environment says, so this is set in code, right before construction.
 */
export function disableApolloTelemetry(env: NodeJS.ProcessEnv = process.env): void {
  env.APOLLO_TELEMETRY_DISABLED = 'true';
  // Apollo Server turns usage reporting on by itself when it sees an Apollo key;
  // PatientGraph never sends operations (which carry patient ids) to Apollo.
  delete env.APOLLO_KEY;
  delete env.APOLLO_GRAPH_REF;
}
