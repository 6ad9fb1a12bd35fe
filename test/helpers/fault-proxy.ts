import net from 'node:net';

/** What the proxy does with the requests it receives from now on. */
export type FaultMode =
  | { kind: 'pass' }
  /** Holds every chunk of the upstream's answers for `ms`. */
  | { kind: 'delay'; ms: number }
  /** Cuts the connection as soon as a request arrives (a crash mid-request). */
  | { kind: 'reset' }
  /** Answers every request itself with this HTTP status (a failing upstream or load balancer). */
  | { kind: 'status'; status: number };

const REQUEST_LINE = /^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) /;

/**
 * A TCP proxy on a free loopback port in front of one real HTTP server, whose
 * behaviour a test switches at any time: the real subgraph process behind it
 * answers, and the proxy makes it slow, failing or unreachable on demand.
 */
export class FaultProxy {
  mode: FaultMode = { kind: 'pass' };
  /** Requests seen (request lines on client connections). */
  requests = 0;
  private readonly sockets = new Set<net.Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private waiters: { count: number; resolve: () => void }[] = [];

  private constructor(
    private readonly server: net.Server,
    private readonly target: { host: string; port: number },
  ) {
    server.on('connection', (client) => this.accept(client));
  }

  /** `targetUrl`: the server's base URL, e.g. http://127.0.0.1:4004 */
  static async start(targetUrl: string): Promise<FaultProxy> {
    const url = new URL(targetUrl);
    const proxy = new FaultProxy(net.createServer(), {
      host: url.hostname,
      port: Number(url.port),
    });
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  url(path = ''): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Resolves once `count` requests in total have arrived. */
  waitForRequests(count: number): Promise<void> {
    if (this.requests >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.target.port, this.target.host);
    this.sockets.add(client).add(upstream);
    let releaseAt = 0; // keeps delayed chunks in order
    const later = (fn: () => void, ms: number) => {
      releaseAt = Math.max(Date.now() + ms, releaseAt);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        fn();
      }, releaseAt - Date.now());
      this.timers.add(timer);
    };
    const destroy = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      if (REQUEST_LINE.test(chunk.subarray(0, 8).toString('latin1'))) this.requestSeen();
      const mode = this.mode;
      if (mode.kind === 'reset') return destroy();
      if (mode.kind === 'status') {
        const body = 'unavailable';
        client.end(
          `HTTP/1.1 ${mode.status} Injected\r\ncontent-type: text/plain\r\ncontent-length: ${body.length}\r\nconnection: close\r\n\r\n${body}`,
        );
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      const mode = this.mode;
      if (mode.kind === 'delay') later(() => client.writable && client.write(chunk), mode.ms);
      else if (releaseAt > Date.now()) later(() => client.writable && client.write(chunk), 0);
      else client.write(chunk);
    });
    upstream.on('end', () => {
      if (releaseAt > Date.now()) later(() => client.end(), 0);
      else client.end();
    });
    client.on('end', () => upstream.end());
    for (const socket of [client, upstream]) {
      socket.on('error', destroy);
      socket.on('close', () => {
        this.sockets.delete(socket);
        destroy();
      });
    }
  }

  private requestSeen(): void {
    this.requests++;
    this.waiters = this.waiters.filter((waiter) => {
      if (this.requests < waiter.count) return true;
      waiter.resolve();
      return false;
    });
  }
}
