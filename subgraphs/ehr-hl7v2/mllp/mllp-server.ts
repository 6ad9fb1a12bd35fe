import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../shared/logger';
import { MllpFramer, frameMessage, type MllpEvent } from './mllp-framer';
import { errorFields } from '../log-fields';

export interface MllpServerOptions {
  host: string;
  port: number;
  maxFrameBytes: number;
  /** Frames read ahead of their ACKs per connection before the socket is paused. */
  maxInFlight?: number;
  logger: Logger;
  /** Answers one frame with the ACK text. Must not throw (the ingestor answers errors). */
  handleFrame: (event: MllpEvent) => Promise<string>;
}

export interface RunningMllpServer {
  port: number;
  connections(): number;
  close(): Promise<void>;
}

/**
 * The MLLP listener. Each connection reads frames as they come (pipelined), hands
 * each to `handleFrame` at once (so messages from one connection can share a
 * write batch) and writes the ACKs back in the order the messages came. A broken
 * connection loses nothing already acknowledged, and nothing a peer does to one
 * connection reaches another or the process.
 */
export async function startMllpServer(options: MllpServerOptions): Promise<RunningMllpServer> {
  const { logger } = options;
  const maxInFlight = options.maxInFlight ?? 512;
  const sockets = new Set<net.Socket>();
  const pendingAcks = new Set<Promise<void>>();
  let connectionCount = 0;

  const server = net.createServer((socket) => {
    sockets.add(socket);
    const connection = ++connectionCount;
    const log = logger.child({ connection });
    const framer = new MllpFramer(options.maxFrameBytes);
    let chain: Promise<void> = Promise.resolve();
    let inFlight = 0;
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 60_000);
    log.debug({ remote: socket.remoteAddress }, 'mllp connection opened');

    socket.on('data', (chunk: Buffer) => {
      let events: MllpEvent[];
      try {
        events = framer.push(chunk);
      } catch (error) {
        log.error(errorFields(error), 'mllp framing failed; closing');
        socket.destroy();
        return;
      }
      for (const event of events) {
        inFlight++;
        if (inFlight >= maxInFlight) socket.pause();
        const answer = options.handleFrame(event);
        const written = chain
          .then(() => answer)
          .then((ack) => {
            if (!socket.destroyed && socket.writable) socket.write(frameMessage(ack));
          })
          .catch((error: unknown) => {
            log.error(errorFields(error), 'mllp answer failed');
          })
          .finally(() => {
            inFlight--;
            if (inFlight < maxInFlight / 2 && socket.isPaused()) socket.resume();
          });
        chain = written;
        pendingAcks.add(written);
        void written.finally(() => pendingAcks.delete(written));
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      log.debug({ code: error.code }, 'mllp connection error');
    });
    socket.on('close', () => {
      sockets.delete(socket);
      if (framer.hasPartialFrame) log.info('mllp connection closed in the middle of a frame');
      log.debug('mllp connection closed');
    });
  });
  server.on('error', (error) => logger.error(errorFields(error), 'mllp server error'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  logger.info({ port }, 'mllp listening');
  return {
    port,
    connections: () => sockets.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Answer what was received before hanging up, but do not wait forever.
      await Promise.race([
        Promise.allSettled([...pendingAcks]),
        new Promise((resolve) => setTimeout(resolve, 5_000).unref()),
      ]);
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
