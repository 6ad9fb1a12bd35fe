import type { PatientLinkRequest, PatientLinkResponse } from './link-request';

/**
 * How a vendor subgraph asks the identity service to link one of its patients.
 * Authenticated with the service token; errors carry the identity service's
 * reason, never the request body (it holds demographics).
 */
export class IdentityClient {
  constructor(
    private readonly baseUrl: string,
    private readonly serviceToken: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async link(request: PatientLinkRequest): Promise<PatientLinkResponse> {
    const response = await fetch(new URL('/links', this.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.serviceToken}`,
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as
      PatientLinkResponse | { error?: { code?: string; message?: string } };
    if (!response.ok) {
      const error = (body as { error?: { code?: string; message?: string } }).error;
      throw new Error(
        `identity service refused link (${response.status} ${error?.code ?? ''}): ${error?.message ?? 'no reason'}`,
      );
    }
    return body as PatientLinkResponse;
  }
}
