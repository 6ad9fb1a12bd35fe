import { sendJson } from '../../shared/http/http-errors';
import { readBody } from '../../shared/http/request-body';
import type { SubgraphRoute } from '../../shared/http/subgraph-server';
import { decodeHl7Bytes } from '../hl7/hl7-charset';
import { splitHl7Messages } from '../hl7/hl7-split';
import type { Hl7Ingestor } from './hl7-ingestor';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface MessageAnswer {
  /** Line of the message's MSH in the body. */
  line: number;
  controlId: string | null;
  code: 'AA' | 'AE' | 'AR';
  duplicate: boolean;
  reason: string | null;
  /** The HL7 ACK, as MLLP would have returned it (null for text that was no message). */
  ack: string | null;
}

/**
 * `POST /hl7v2/messages` (service token): for tools that cannot speak MLLP. The
 * body is one or more messages (any segment separators, batch envelopes and MLLP
 * framing tolerated); every message gets the answer MLLP would give, in order.
 */
export function messagesRoute(ingestor: Hl7Ingestor): SubgraphRoute {
  return {
    method: 'POST',
    path: '/hl7v2/messages',
    auth: 'service',
    async handler(req, res) {
      const text = decodeHl7Bytes(await readBody(req, MAX_BODY_BYTES));
      const parts = splitHl7Messages(text);
      const answers = await Promise.all(
        parts.map(async (part): Promise<MessageAnswer> => {
          if (part.error) {
            return {
              line: part.line,
              controlId: null,
              code: 'AR',
              duplicate: false,
              reason: part.error,
              ack: null,
            };
          }
          const result = await ingestor.ingest(part.text);
          return {
            line: part.line,
            controlId: result.controlId || null,
            code: result.code,
            duplicate: result.duplicate,
            reason: result.reason ?? null,
            ack: result.ack,
          };
        }),
      );
      sendJson(res, 200, {
        accepted: answers.filter((a) => a.code === 'AA' && !a.duplicate).length,
        duplicates: answers.filter((a) => a.duplicate).length,
        rejected: answers.filter((a) => a.code !== 'AA').length,
        results: answers,
      });
    },
  };
}
