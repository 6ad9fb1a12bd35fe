import type { ServerResponse } from 'node:http';
import { sendJson } from '../../subgraphs/shared/http/http-errors';

/**
 * Why the gateway refused a request before running it. `extensions.code` stays in
 * the closed catalogue (BAD_USER_INPUT, or Apollo's PERSISTED_QUERY_NOT_FOUND that
 * APQ clients act on); `extensions.reason` says which limit, so clients can switch
 * on it without parsing messages.
 */
export type LimitReason =
  | 'MAX_BODY_BYTES'
  | 'MAX_TOKENS'
  | 'MAX_DEPTH'
  | 'MAX_ALIASES'
  | 'MAX_COST'
  | 'RATE_LIMITED'
  | 'PERSISTED_QUERY_NOT_IN_LIST'
  | 'PERSISTED_QUERY_HASH_MISMATCH'
  | 'PERSISTED_QUERY_INVALID'
  | 'PERSISTED_QUERY_NOT_FOUND';

export interface LimitErrorBody {
  message: string;
  extensions: {
    code: 'BAD_USER_INPUT' | 'PERSISTED_QUERY_NOT_FOUND';
    reason: LimitReason;
    /** What was measured (depth, aliases, cost, bytes), when a number applies. */
    measured?: number;
    limit?: number;
    [key: string]: string | number | undefined;
  };
}

export class LimitError extends Error {
  constructor(
    readonly status: number,
    readonly body: LimitErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
    this.name = 'LimitError';
  }
}

/** A refused limit: HTTP 400 (or `status`), BAD_USER_INPUT, the reason, measured and limit. */
export function limitExceeded(
  reason: LimitReason,
  message: string,
  measured: number,
  limit: number,
  status = 400,
): LimitError {
  return new LimitError(status, {
    message,
    extensions: { code: 'BAD_USER_INPUT', reason, measured, limit },
  });
}

/** Answers with a GraphQL error body, like Apollo's own request errors. */
export function sendLimitError(res: ServerResponse, error: LimitError): void {
  sendJson(res, error.status, { errors: [error.body] }, error.headers);
}
