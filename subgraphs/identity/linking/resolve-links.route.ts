import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityStore } from '../store';

/**
 * `POST /links/resolve` `{ identifiers: [{ system, value }] }`: which global patient
 * each identifier is linked to (null while unlinked or waiting for review).
 * For services and tools that must know when vendors' links have landed (the
 * stack's seeding waits on it); never exposed to GraphQL clients.
 */
export function resolveLinksRoute(store: IdentityStore): SubgraphRoute {
  return {
    method: 'POST',
    path: '/links/resolve',
    auth: 'service',
    async handler(req, res) {
      const body = (await readJsonBody(req, 1_000_000)) as { identifiers?: unknown };
      const identifiers = body?.identifiers;
      const valid =
        Array.isArray(identifiers) &&
        identifiers.length <= 1000 &&
        identifiers.every(
          (i) =>
            typeof (i as { system?: unknown })?.system === 'string' &&
            typeof (i as { value?: unknown })?.value === 'string',
        );
      if (!valid)
        throw new HttpError(
          400,
          'BAD_REQUEST',
          'Expected { identifiers: [{ system, value }] } (at most 1000)',
        );
      const keys = identifiers as { system: string; value: string }[];
      const rows = keys.length
        ? await store.patientIdentifier.findMany({
            where: { OR: keys.map(({ system, value }) => ({ system, value })) },
          })
        : [];
      const byKey = new Map(rows.map((r) => [`${r.system}|${r.value}`, r.patientId]));
      sendJson(res, 200, {
        identifiers: keys.map(({ system, value }) => ({
          system,
          value,
          patientId: byKey.get(`${system}|${value}`) ?? null,
        })),
      });
    },
  };
}
