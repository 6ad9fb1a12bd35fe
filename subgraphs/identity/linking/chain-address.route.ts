import { HttpError, sendJson } from '../../shared/http/http-errors';
import { readJsonBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import type { IdentityStore } from '../store';
import {
  ChainAddressError,
  registerChainAddress,
  type ChainAddressRequest,
} from './register-chain-address';

function parse(body: unknown): ChainAddressRequest {
  const b = body as Partial<ChainAddressRequest> | null;
  const ok =
    typeof b?.identifier?.system === 'string' &&
    typeof b.identifier.value === 'string' &&
    typeof b.address === 'string' &&
    typeof b.issuedAt === 'string' &&
    typeof b.signature === 'string';
  if (!ok) {
    throw new HttpError(
      400,
      'BAD_REQUEST',
      'Expected { identifier: { system, value }, address, issuedAt, signature }',
    );
  }
  return b as ChainAddressRequest;
}

/** `POST /chain-addresses`: a patient (through an app) links the wallet that holds their consents. */
export function chainAddressRoute(store: IdentityStore): SubgraphRoute {
  return {
    method: 'POST',
    path: '/chain-addresses',
    auth: 'service',
    async handler(req, res, _url, logger) {
      const request = parse(await readJsonBody(req, 100_000));
      try {
        const result = await registerChainAddress(store, request);
        logger.info('chain address linked');
        sendJson(res, 200, result);
      } catch (error) {
        if (error instanceof ChainAddressError)
          throw new HttpError(error.status, error.code, error.message);
        throw error;
      }
    },
  };
}
