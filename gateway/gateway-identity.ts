import type { Requester } from '../subgraphs/shared/requester';

/**
 * The gateway's own identity, used on calls it makes for itself (fetching SDL,
 * health checks). It holds no consent and no scopes, so it can read schemas and
 * nothing else.
 */
export const GATEWAY_SERVICE_REQUESTER: Requester = Object.freeze({
  subject: 'patientgraph-gateway',
  organization: 'patientgraph-gateway',
  orgAddress: null,
  purpose: 'NONE',
  scopes: [],
}) as Requester;
