import type { GraphQLResponse } from '@apollo/server';

/**
 * Replaces an answer whose consent decisions could not be committed to an audit
 * log: none of its data leaves (fail closed). Used by the subgraphs for their own
 * log and by the gateway for the decisions it commits.
 */
export function withholdUnaudited(response: GraphQLResponse): void {
  response.http.status = 503;
  response.body = {
    kind: 'single',
    singleResult: {
      errors: [
        { message: 'Audit log unavailable; response withheld', extensions: { code: 'INTERNAL' } },
      ],
    },
  };
}
