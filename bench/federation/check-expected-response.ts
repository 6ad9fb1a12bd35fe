import { CaseCheckError } from '../bench-case';
import { firstJsonDifference } from '../harness/json-difference';
import { postGraphQL } from '../harness/post-graphql';
import { loadExpectedResponse } from './fixtures';

/**
 * Fails the case unless the gateway answers the benchmark query exactly as published
 * (fixtures/expected-response.json): throughput of wrong answers is worth nothing.
 */
export async function checkExpectedResponse(
  url: string,
  label: string,
  query: string,
  expected: unknown = loadExpectedResponse(),
): Promise<void> {
  let difference: string | undefined;
  try {
    const response = await postGraphQL(url, { query });
    difference =
      response.status === 200
        ? firstJsonDifference(response.body, expected)
        : `HTTP ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`;
  } catch (error) {
    difference = `request failed: ${(error as Error).message}`;
  }
  if (difference)
    throw new CaseCheckError(`${label} does not return expected-response.json: ${difference}`);
}
