import net from 'node:net';
import { MllpFramer, frameMessage } from './mllp-framer';

interface Waiter {
  resolve: (ack: string) => void;
  reject: (error: Error) => void;
}

export class MllpConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MllpConnectionError';
  }
}

/**
 * An MLLP sender's connection. `send` may be called many times without waiting
 * (pipelining): the listener answers in order, so ACKs are matched to messages
 * first in, first out. A timeout or a dropped connection fails every message
 * still waiting, so a caller never hangs.
 */
export class MllpClient {
  private readonly waiting: Waiter[] = [];
  private readonly framer = new MllpFramer(64 * 1024 * 1024);
  private failure: Error | null = null;
  private timer: NodeJS.Timeout | null = null;

  private constructor(
    private readonly socket: net.Socket,
    private readonly ackTimeoutMs: number,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.framer.push(chunk)) {
        const waiter = this.waiting.shift();
        if (!waiter) continue;
        if (event.type === 'frame') waiter.resolve(event.payload.toString('utf8'));
        else waiter.reject(new MllpConnectionError('Malformed acknowledgment frame'));
      }
      this.armTimer();
    });
    socket.on('error', (error) => this.fail(new MllpConnectionError(error.message)));
    socket.on('close', () =>
      this.fail(new MllpConnectionError('Connection closed by the listener')),
    );
  }

  static connect(
    host: string,
    port: number,
    options: { connectTimeoutMs?: number; ackTimeoutMs?: number } = {},
  ): Promise<MllpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new MllpConnectionError(`No MLLP listener answered at ${host}:${port}`));
      }, options.connectTimeoutMs ?? 10_000);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new MllpClient(socket, options.ackTimeoutMs ?? 30_000));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new MllpConnectionError(`Cannot connect to MLLP ${host}:${port}: ${error.message}`));
      });
    });
  }

  /** Sends one message and resolves with the listener's ACK text. */
  send(message: string): Promise<string> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.socket.write(frameMessage(message));
      this.armTimer();
    });
  }

  /** Sends raw bytes as they are (tests use this for split and broken frames). */
  writeRaw(bytes: Buffer | string, expectAnswers = 0): Promise<string>[] {
    const answers = Array.from(
      { length: expectAnswers },
      () => new Promise<string>((resolve, reject) => this.waiting.push({ resolve, reject })),
    );
    this.socket.write(bytes);
    this.armTimer();
    return answers;
  }

  get pending(): number {
    return this.waiting.length;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.socket.destroyed) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.end();
      setTimeout(() => this.socket.destroy(), 1_000).unref();
    });
  }

  private armTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.length === 0) return;
    this.timer = setTimeout(
      () => this.fail(new MllpConnectionError(`No acknowledgment within ${this.ackTimeoutMs} ms`)),
      this.ackTimeoutMs,
    );
    this.timer.unref();
  }

  private fail(error: Error): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    this.socket.destroy();
  }
}
