/** Whether one subgraph answered its health check in time. */
export type SubgraphProbe = (healthUrl: string, timeoutMs: number) => Promise<boolean>;

export interface ReadinessReport {
  ready: boolean;
  composed: boolean;
  /** Names only: readiness is public (load balancers, orchestrators). */
  unreachable: string[];
}

/**
 * A subgraph counts as reachable when its /healthz (next to its /graphql) answers
 * with any status below 500 in time: a subgraph that is not PatientGraph's own may
 * have no /healthz, and a 404 still proves it is up.
 */
export const probeHealthz: SubgraphProbe = async (healthUrl, timeoutMs) => {
  try {
    const response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
};

const JOIN_GRAPH = /@join__graph\(\s*name:\s*"([^"]+)"\s*,?\s*url:\s*"([^"]*)"\s*\)/g;

/** The subgraphs a supergraph routes to (its `join__Graph` enum values). */
export function subgraphsOfSupergraph(supergraphSdl: string): { name: string; url: string }[] {
  return [...supergraphSdl.matchAll(JOIN_GRAPH)].map(([, name, url]) => ({
    name: name!,
    url: url!,
  }));
}

/** `http://host:4002/graphql` -> `http://host:4002/healthz` (also under a path prefix). */
export function healthUrlOf(graphqlUrl: string): string {
  return new URL('healthz', graphqlUrl).toString();
}

/**
 * The gateway's readiness: the supergraph is composed and loaded, and every
 * subgraph in it answers a cheap health check. Checks run for all subgraphs at
 * once, each with a short timeout; one result serves every probe for `cacheMs`,
 * and concurrent probes share one check, so readiness probes never load subgraphs.
 */
export class SubgraphReadiness {
  private readonly subgraphs = new Map<string, string>();
  private composed = false;
  private cached: { at: number; unreachable: string[] } | undefined;
  private running: Promise<string[]> | undefined;

  constructor(
    private readonly options: {
      timeoutMs: number;
      cacheMs: number;
      probe?: SubgraphProbe;
      now?: () => number;
    },
  ) {}

  /** Called when a supergraph is loaded (at start, and on every reload). */
  supergraphLoaded(subgraphs: { name: string; url: string }[]): void {
    this.subgraphs.clear();
    for (const { name, url } of subgraphs) this.subgraphs.set(name, healthUrlOf(url));
    this.composed = true;
    this.cached = undefined;
  }

  async check(): Promise<ReadinessReport> {
    const unreachable = await this.unreachable();
    const ready = this.composed && this.subgraphs.size > 0 && unreachable.length === 0;
    return { ready, composed: this.composed, unreachable };
  }

  private unreachable(): Promise<string[]> {
    const now = this.options.now ?? Date.now;
    if (this.cached && now() - this.cached.at < this.options.cacheMs)
      return Promise.resolve(this.cached.unreachable);
    this.running ??= this.probeAll()
      .then((unreachable) => {
        this.cached = { at: now(), unreachable };
        return unreachable;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  private async probeAll(): Promise<string[]> {
    const probe = this.options.probe ?? probeHealthz;
    const entries = [...this.subgraphs];
    const results = await Promise.all(
      entries.map(([, url]) => probe(url, this.options.timeoutMs).catch(() => false)),
    );
    return entries.filter((_, i) => !results[i]).map(([name]) => name);
  }
}
