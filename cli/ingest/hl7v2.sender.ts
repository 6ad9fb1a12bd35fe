import fs from 'node:fs';
import { readAck } from '../../subgraphs/ehr-hl7v2/ack/ack-reader';
import { decodeHl7Bytes } from '../../subgraphs/ehr-hl7v2/hl7/hl7-charset';
import { splitHl7Messages } from '../../subgraphs/ehr-hl7v2/hl7/hl7-split';
import { MllpClient, MllpConnectionError } from '../../subgraphs/ehr-hl7v2/mllp/mllp-client';
import {
  emptySummary,
  type IngestProgress,
  type IngestSummary,
  type IngestTarget,
} from './ingest-summary';

/** One message to send, and where it came from (for the summary). */
interface OutgoingMessage {
  location: string;
  text: string;
  /** Position in the whole send, to keep resends in order. */
  sequence: number;
}

export interface Hl7v2SendOptions {
  /** Parallel MLLP connections; each file goes over one, in order. */
  connections?: number;
  /** Messages sent ahead of their ACKs on one connection. */
  window?: number;
  /** Reconnects per file after a dropped connection before its rest counts as rejected. */
  retries?: number;
}

let sequence = 0;

function readMessages(file: string, summary: IngestSummary): OutgoingMessage[] {
  let text: string;
  try {
    text = decodeHl7Bytes(fs.readFileSync(file));
  } catch (error) {
    summary.rejected.push({
      location: file,
      reason: `cannot read file: ${(error as Error).message}`,
    });
    return [];
  }
  const messages: OutgoingMessage[] = [];
  for (const part of splitHl7Messages(text)) {
    const location = `${file}:${part.line}`;
    if (part.error) summary.rejected.push({ location, reason: part.error });
    else messages.push({ location, text: part.text, sequence: sequence++ });
  }
  return messages;
}

function record(summary: IngestSummary, message: OutgoingMessage, ackText: string): void {
  let ack;
  try {
    ack = readAck(ackText);
  } catch (error) {
    summary.rejected.push({
      location: message.location,
      reason: `unreadable acknowledgment: ${(error as Error).message}`,
    });
    return;
  }
  if (ack.code === 'AA' || ack.code === 'CA') {
    if (ack.duplicate) summary.duplicates++;
    else summary.accepted++;
    return;
  }
  summary.rejected.push({
    location: message.location,
    reason: `${ack.code}${ack.text ? `: ${ack.text}` : ''}`,
  });
}

/**
 * Sends messages over one connection, pipelined: up to `window` ahead of their
 * ACKs (which come back in order), across file boundaries, pulling messages from
 * `source` as it goes. When the connection drops, it stops pulling and returns
 * the messages whose fate is unknown, in order, to be resent on a new connection;
 * resending is safe, the listener is idempotent on sender, MSH-10 and content.
 */
async function sendPipelined(
  client: MllpClient,
  source: Iterator<OutgoingMessage>,
  window: number,
  onAck: (message: OutgoingMessage, ack: string) => void,
): Promise<OutgoingMessage[]> {
  const unknown: OutgoingMessage[] = [];
  const inFlight: Promise<void>[] = [];
  let broken = false;
  for (let next = source.next(); !next.done && !broken; next = source.next()) {
    const message = next.value;
    inFlight.push(
      client.send(message.text).then(
        (ack) => onAck(message, ack),
        (error: unknown) => {
          if (!(error instanceof MllpConnectionError)) throw error;
          broken = true;
          unknown.push(message);
        },
      ),
    );
    if (inFlight.length >= window) await inFlight.shift();
  }
  await Promise.all(inFlight);
  return unknown.sort((a, b) => a.sequence - b.sequence);
}

function* concat<T>(first: T[], rest: Iterator<T>): Generator<T> {
  yield* first;
  for (let next = rest.next(); !next.done; next = rest.next()) yield next.value;
}

/**
 * `npx patientgraph ingest` for HL7 v2: splits files into messages (one per MSH;
 * CR, LF or CRLF; batch envelopes and MLLP-framed captures accepted), sends them
 * over MLLP to the ehr-hl7v2 listener and reads every ACK: AA counts as accepted
 * (or as a duplicate when the ACK says it was a resend), AE/AR as rejected with
 * the listener's reason and the message's file:line. Without an MLLP target the
 * same messages go to POST /hl7v2/messages.
 */
export async function sendHl7v2Files(
  files: string[],
  target: IngestTarget,
  progress?: IngestProgress,
  options: Hl7v2SendOptions = {},
): Promise<IngestSummary> {
  const summary = emptySummary('HL7 v2', 'messages');
  const perFile = files.map((file) => readMessages(file, summary));
  const total = perFile.reduce((sum, messages) => sum + messages.length, 0);
  let done = 0;
  const onAck = (message: OutgoingMessage, ack: string) => {
    record(summary, message, ack);
    progress?.(++done, total);
  };
  if (!target.mllp) {
    await sendOverHttp(perFile.flat(), target, summary, () => progress?.(++done, total));
    return summary;
  }
  const mllp = target.mllp;
  // Each worker takes whole files from the queue, so a file's messages stay in
  // order on one connection; files follow each other without waiting for ACKs.
  const queue = perFile.filter((messages) => messages.length > 0);
  const retries = options.retries ?? 3;
  const reject = (messages: Iterable<OutgoingMessage>, reason: string) => {
    for (const message of messages) {
      summary.rejected.push({ location: message.location, reason });
      progress?.(++done, total);
    }
  };
  const worker = async () => {
    const files = (function* () {
      for (let messages = queue.shift(); messages; messages = queue.shift()) yield* messages;
    })();
    let resend: OutgoingMessage[] = [];
    for (let attempt = 0; ; attempt++) {
      let client: MllpClient;
      try {
        client = await MllpClient.connect(mllp.host, mllp.port);
      } catch (error) {
        if (attempt < retries) {
          await new Promise((resolve) => setTimeout(resolve, 250 * (attempt + 1)));
          continue;
        }
        reject(concat(resend, files), (error as Error).message);
        return;
      }
      try {
        resend = await sendPipelined(client, concat(resend, files), options.window ?? 256, onAck);
      } finally {
        await client.close();
      }
      if (resend.length === 0) return;
      if (attempt >= retries) {
        reject(
          concat(resend, files),
          'MLLP connection lost before an acknowledgment; not confirmed',
        );
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.connections ?? 4) }, worker));
  return summary;
}

async function sendOverHttp(
  messages: OutgoingMessage[],
  target: IngestTarget,
  summary: IngestSummary,
  tick: () => void,
): Promise<void> {
  // Batches keep request bodies bounded; order is kept (one request at a time).
  for (let start = 0; start < messages.length; start += 500) {
    const batch = messages.slice(start, start + 500);
    const response = await fetch(new URL('/hl7v2/messages', target.baseUrl), {
      method: 'POST',
      headers: {
        'content-type': 'application/hl7-v2',
        authorization: `Bearer ${target.serviceToken}`,
      },
      body: batch.map((m) => m.text).join('\r\n'),
    });
    if (!response.ok) {
      const reason = `HTTP ${response.status} from ${target.baseUrl}/hl7v2/messages`;
      for (const message of batch) {
        summary.rejected.push({ location: message.location, reason });
        tick();
      }
      continue;
    }
    const body = (await response.json()) as {
      results: { ack: string | null; reason: string | null }[];
    };
    batch.forEach((message, index) => {
      const result = body.results[index];
      if (result?.ack) record(summary, message, result.ack);
      else
        summary.rejected.push({
          location: message.location,
          reason: result?.reason ?? 'no answer',
        });
      tick();
    });
  }
}
