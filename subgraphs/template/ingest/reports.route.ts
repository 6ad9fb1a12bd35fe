import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityClient } from '../../shared/patient/identity-client';
import { fhirDiagnosticReportToStoredReport } from '../mappers/fhir-diagnostic-report-to-stored-report';
import { fhirPatientToLinkRequest } from '../mappers/fhir-patient-to-link-request';
import type { ReportStore } from '../store/report-store';
import { validateReportSubmission } from './validate-report-submission';

/**
 * `POST /reports` (service token): a partner's system sends one report with its
 * patient. The whole body is checked first (400 with every problem); then the
 * patient is announced to identity, and only when identity has answered is the
 * report stored, so a refused or failed submission leaves nothing behind and can
 * simply be sent again (reports are keyed by id: resending replaces).
 */
export function reportsRoute(options: {
  store: ReportStore;
  identity: IdentityClient;
  source: string;
  patientSystem: string;
  maxBodyBytes: number;
  now?: () => Date;
}): SubgraphRoute {
  return {
    method: 'POST',
    path: '/reports',
    auth: 'service',
    async handler(req, res, _url, logger) {
      const body = await readJsonBody(req, options.maxBodyBytes);
      const { submission, localId, problems } = validateReportSubmission(
        body,
        options.patientSystem,
      );
      if (!submission || !localId)
        throw new HttpError(400, 'BAD_REQUEST', 'Invalid report submission', { problems });
      let link;
      try {
        link = await options.identity.link(
          fhirPatientToLinkRequest(
            submission.patient,
            options.source,
            options.patientSystem,
            localId,
          ),
        );
      } catch (error) {
        // Identity's reason, never the body (it holds demographics).
        const reason = (error as Error).message;
        logger.warn({ reason }, 'patient link failed; report not stored');
        const refused = /refused link \((4\d\d) ?([A-Z_]*)\)/.exec(reason);
        if (refused)
          throw new HttpError(
            400,
            'BAD_REQUEST',
            `The identity service refused the patient (${refused[1]} ${refused[2]}); nothing was stored`,
          );
        throw new HttpError(
          503,
          'UPSTREAM_UNAVAILABLE',
          'The identity service could not link the patient; nothing was stored, send the report again',
        );
      }
      const report = fhirDiagnosticReportToStoredReport(
        submission.report,
        localId,
        (options.now ?? (() => new Date()))(),
      );
      await options.store.put(report);
      logger.info({ reportId: report.id, decision: link.decision }, 'radiology report stored');
      sendJson(res, 200, {
        reportId: report.id,
        patientId: link.patientId,
        decision: link.decision,
      });
    },
  };
}
