import { rowId } from './row-id';
import type { Logger } from '../../shared/logger';
import { errorFields, stackFrames } from '../log-fields';
import { buildAck, unreadableRequest, type AckCode, type AckRequest } from '../ack/ack-builder';
import { HL7_ERROR, Hl7ParseError, type Hl7Problem } from '../hl7/hl7-message';
import { parseHl7Message } from '../hl7/hl7-parser';
import type { AuthoritySystems } from '../mappers/identifier-systems';
import type { IngestQueue } from './ingest-queue';
import { readHeader, type Hl7Header } from './message-header';
import { isRejection, planMessage } from './plan-message';

export interface IngestResult {
  code: AckCode;
  /** The HL7 ACK to send back. */
  ack: string;
  controlId: string;
  duplicate: boolean;
  /** Why a message was not accepted (no values from the message). */
  reason?: string;
}

export interface Hl7IngestorOptions {
  authoritySystems: AuthoritySystems;
  defaultOffset: string;
  /** Our MSH-3/MSH-4 in ACKs when the sender left MSH-5/MSH-6 empty. */
  application: string;
  facility: string;
}

const DUPLICATE: Hl7Problem = {
  code: HL7_ERROR.duplicateKeyIdentifier,
  text: 'Duplicate: this message was received before and is not stored again',
  location: { segment: 'MSH', sequence: 1, field: 10 },
};

const STORE_FAILED: Hl7Problem = {
  code: HL7_ERROR.applicationInternalError,
  text: 'The message could not be stored; nothing of it was kept, it can be resent',
};

function requestOf(header: Hl7Header): AckRequest {
  return {
    encoding: header.encoding,
    controlId: header.controlId,
    triggerEvent: header.triggerEvent,
    version: header.version,
    processingId: header.processingId,
    rawSendingApplication: header.rawSendingApplication,
    rawSendingFacility: header.rawSendingFacility,
    rawReceivingApplication: header.rawReceivingApplication,
    rawReceivingFacility: header.rawReceivingFacility,
  };
}

/** What can still be answered for text that does not parse: MSH-10 and MSH-12 if visible. */
function salvageRequest(text: string): AckRequest {
  const request = unreadableRequest();
  const start = text.indexOf('MSH');
  if (start < 0 || text.length < start + 4) return request;
  const line = text.slice(start).split(/[\r\n]/, 1)[0]!;
  const parts = line.split(line[3]!);
  request.controlId = (parts[9] ?? '').slice(0, 199);
  request.version = /^2\.\d+(\.\d+)?$/.test(parts[11] ?? '') ? parts[11]! : '';
  // Echo the sender's raw id only if it cannot break the ACK's own structure.
  if (/[|^~\\&\r\n]/.test(request.controlId)) request.controlId = '';
  return request;
}

/**
 * One message in, one ACK out: parse, read MSH, plan, write (batched with other
 * connections' messages), acknowledge. AR for what cannot or will not be read,
 * AE for what was understood but could not be processed, AA when stored or
 * already stored before (a resend).
 */
export class Hl7Ingestor {
  constructor(
    private readonly queue: IngestQueue,
    private readonly options: Hl7IngestorOptions,
    private readonly logger: Logger,
  ) {}

  async ingest(text: string): Promise<IngestResult> {
    try {
      return await this.ingestOnce(text);
    } catch (error) {
      // A bug here must cost one message an AE, never the connection or the process.
      this.logger.error(
        { ...errorFields(error), stack: stackFrames(error) },
        'unexpected error while ingesting a message',
      );
      return this.answer(salvageRequest(text), 'AE', [STORE_FAILED]);
    }
  }

  /** The AR for a frame that is refused before parsing (too large, cut short). */
  reject(text: string, problem: Hl7Problem): string {
    return this.answer(salvageRequest(text), 'AR', [problem]).ack;
  }

  private async ingestOnce(text: string): Promise<IngestResult> {
    let message;
    try {
      message = parseHl7Message(text);
    } catch (error) {
      if (!(error instanceof Hl7ParseError)) throw error;
      return this.answer(salvageRequest(text), 'AR', [error.problem]);
    }
    const { header, problems } = readHeader(message);
    if (problems.length) return this.answer(requestOf(header), 'AR', problems);
    const plan = planMessage(message, header, {
      authoritySystems: this.options.authoritySystems,
      defaultOffset: this.options.defaultOffset,
      receivedAt: new Date(),
    });
    if (isRejection(plan)) return this.answer(requestOf(header), plan.code, plan.problems);
    const outcome = await this.queue.submit(plan);
    const request = requestOf(plan.header);
    if (outcome.status === 'failed') return this.answer(request, 'AE', [STORE_FAILED]);
    if (outcome.status === 'duplicate') return this.answer(request, 'AA', [DUPLICATE], true);
    return this.answer(request, 'AA', []);
  }

  private answer(
    request: AckRequest,
    code: AckCode,
    problems: Hl7Problem[],
    duplicate = false,
  ): IngestResult {
    const reason = code === 'AA' ? undefined : problems.map((p) => p.text).join('; ');
    if (code !== 'AA') {
      this.logger.info(
        {
          controlId: request.controlId,
          ack: code,
          errorCodes: problems.map((p) => p.code),
          reason,
        },
        'message not accepted',
      );
    }
    const ack = buildAck(request, {
      code,
      problems,
      severity: code === 'AA' ? 'I' : 'E',
      ackControlId: rowId().replace(/-/g, '').slice(0, 20),
      now: new Date(),
      application: this.options.application,
      facility: this.options.facility,
    });
    return { code, ack, controlId: request.controlId, duplicate, reason };
  }
}
