import type { IngestRejection } from '../../../cli/ingest/ingest-summary';
import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityClient } from '../../shared/patient/identity-client';
import type { WearablesStore } from '../store';
import { enrollAccount, type EnrollmentResult } from './enroll-account';
import type { LinkPolicy } from './link-account';
import { enrollmentsOf, validateEnrollment } from './validate-enrollment';

/**
 * `POST /enrollments`: link device accounts to people. Body: one enrollment
 * `{vendor, accountId, identifiers: [{system, value, typeCode?}], timeZone?, utcOffset?}`,
 * an array of them, or `{enrollments: [...]}`. Answers a summary: accepted
 * enrollments (linked now or pending), duplicates, rejected ones with reasons.
 */
export function enrollmentsRoute(
  store: WearablesStore,
  identity: IdentityClient,
  policy: LinkPolicy,
): SubgraphRoute {
  return {
    method: 'POST',
    path: '/enrollments',
    auth: 'service',
    async handler(req, res, _url, logger) {
      const items = enrollmentsOf(await readJsonBody(req, 1_000_000));
      const rejected: IngestRejection[] = [];
      const enrollments: EnrollmentResult[] = [];
      for (const [index, item] of items.entries()) {
        const location = items.length === 1 ? '$' : `[${index}]`;
        const { enrollment, problems } = validateEnrollment(item, location);
        if (!enrollment) {
          rejected.push(...problems);
          continue;
        }
        enrollments.push(await enrollAccount(store, identity, enrollment, policy, logger));
      }
      const duplicates = enrollments.filter((e) => e.duplicate).length;
      const summary = {
        format: 'enrollment',
        unit: 'enrollments',
        accepted: enrollments.length - duplicates,
        duplicates,
        rejected,
        enrollments,
      };
      if (enrollments.length === 0) {
        sendJson(res, 400, {
          ...summary,
          error: { code: 'BAD_REQUEST', message: 'No valid enrollment in the request' },
        });
        return;
      }
      // 202: stored, but at least one link waits for identity.
      const pending = enrollments.some((e) => e.linkStatus !== 'linked');
      sendJson(res, pending ? 202 : 200, summary);
    },
  };
}

/**
 * `GET /enrollments/<vendor>/<accountId>`: where an account's link stands
 * (none, pending with the last failure reason, or linked with the patient id).
 */
export function enrollmentStatusRoute(store: WearablesStore): SubgraphRoute {
  return {
    method: 'GET',
    path: '/enrollments/*',
    auth: 'service',
    async handler(_req, res, url) {
      const parts = url.pathname.split('/').slice(2).map(decodeURIComponent);
      if (parts.length !== 2 || !parts[0] || !parts[1]) {
        throw new HttpError(404, 'NOT_FOUND', 'Use /enrollments/<vendor>/<accountId>');
      }
      const account = await store.deviceAccount.findUnique({
        where: { vendor_accountId: { vendor: parts[0], accountId: parts[1] } },
      });
      if (!account) throw new HttpError(404, 'NOT_FOUND', 'No such device account');
      sendJson(res, 200, {
        vendor: account.vendor,
        accountId: account.accountId,
        linkStatus: account.linkStatus,
        patientId: account.patientId,
        linkAttempts: account.linkAttempts,
        linkError: account.linkError,
        nextLinkAt:
          account.nextLinkAtMs === null
            ? null
            : new Date(Number(account.nextLinkAtMs)).toISOString(),
      });
    },
  };
}
