import type { Server, ServerResponse } from 'node:http';

export interface DrainResult {
  /** Requests still running at the deadline, whose connections were cut. */
  cut: number;
}

/**
 * Graceful shutdown for a node:http server: stop accepting connections, let the
 * requests already being served finish (up to a deadline), then close. Keep-alive
 * connections are closed as soon as they are idle, and responses still to be
 * written say `Connection: close`, so clients reconnect elsewhere instead of
 * sending the next request to a server that is going away.
 */
export class GracefulDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private draining: Server | undefined;
  private onIdle: (() => void) | undefined;

  get isDraining(): boolean {
    return this.draining !== undefined;
  }

  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Called for every request as it arrives. */
  track(res: ServerResponse): void {
    this.inFlight.add(res);
    if (this.draining && !res.headersSent) res.setHeader('connection', 'close');
    res.once('close', () => {
      this.inFlight.delete(res);
      if (!this.draining) return;
      this.draining.closeIdleConnections();
      if (this.inFlight.size === 0) this.onIdle?.();
    });
  }

  async drain(server: Server, graceMs: number): Promise<DrainResult> {
    this.draining = server;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
    server.closeIdleConnections();
    const idle =
      this.inFlight.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => (this.onIdle = resolve));
    const finished = await waitAtMost(idle, graceMs);
    const cut = finished ? 0 : this.inFlight.size;
    // A connection may still be half way through sending a request that never
    // became one; after the grace period nothing is waited for any longer.
    if (!finished || !(await waitAtMost(closed, 1_000))) server.closeAllConnections();
    await closed;
    return { cut };
  }
}

/** Resolves true when `promise` settles within `ms`, false otherwise. */
async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
