import type { RequestOutcome } from './drive-requests';
import { hasGraphQLErrors } from './load-stats';

export interface PostedText {
  status: number;
  text: string;
}

/** One POST with a JSON body; the answer's text (keep-alive through Node's fetch pool). */
export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
  timeoutMs = 30_000,
): Promise<PostedText> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  return { status: response.status, text: await response.text() };
}

/** How a GraphQL answer counts in a load sample. */
export function graphqlOutcome(answer: PostedText): RequestOutcome {
  const ok = answer.status >= 200 && answer.status < 300;
  return { ok, graphqlErrors: ok && hasGraphQLErrors(answer.text) };
}
