/** The parts of a V8 .cpuprofile this summary reads. */
export interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * Where a process's busy time went, by what its stack was doing. Checked in order;
 * the first that matches any frame of the sample's stack wins. Async stacks are cut
 * at microtask boundaries, so SQL run for the audit log after an `await` counts as
 * store work: compare with a CONSENT_ENFORCEMENT=off profile to see the audit's share.
 */
export const PROFILE_CATEGORIES: ReadonlyArray<[name: string, test: RegExp]> = [
  ['audit log (Prisma audit client)', /generated\/audit|shared\/audit\//],
  ['SQLite (libsql driver)', /node_modules\/(libsql|@libsql)\//],
  ['Prisma query compiler (wasm)', /^wasm:|query_compiler/],
  ['Prisma client and adapter (JS)', /\/generated\/|@prisma\//],
  ['GraphQL execution (graphql, Apollo)', /node_modules\/(graphql|@apollo|type-graphql)\//],
  ['HTTP and sockets (node)', /^node:(_http|net|internal\/stream|stream)/],
];

export interface ProfileSummary {
  /** Samples in the window, idle included. */
  samples: number;
  /** Share of the window the thread was not idle. */
  busyShare: number;
  /** Share of busy samples per category, largest first ('other' last). */
  categories: Array<[string, number]>;
  /** Busy share of the top self-time functions. */
  topFunctions: Array<[string, number]>;
}

/**
 * Summarizes the last `windowSeconds` of a profile (ending `skipEndSeconds` before
 * it stopped, to leave the shutdown out): how busy the thread was and on what.
 */
export function summarizeCpuProfile(
  profile: CpuProfile,
  windowSeconds = Infinity,
  skipEndSeconds = 0,
): ProfileSummary {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const end = profile.endTime - skipEndSeconds * 1e6;
  const start = end - windowSeconds * 1e6;
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let samples = 0;
  let busy = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (at < start || at > end) return;
    samples++;
    const leaf = nodes.get(id)?.callFrame;
    if (!leaf || leaf.functionName === '(idle)') return;
    busy++;
    const urls: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      urls.push(nodes.get(cur)?.callFrame.url ?? '');
    }
    const category =
      leaf.functionName === '(garbage collector)'
        ? 'garbage collection'
        : (PROFILE_CATEGORIES.find(([, test]) => urls.some((u) => test.test(u)))?.[0] ?? 'other');
    categories.set(category, (categories.get(category) ?? 0) + 1);
    const name = `${leaf.functionName || '(anonymous)'} ${leaf.url.split('/').pop() ?? ''}:${leaf.lineNumber}`;
    functions.set(name, (functions.get(name) ?? 0) + 1);
  });
  const shares = (counts: Map<string, number>) =>
    [...counts.entries()]
      .map(([k, v]): [string, number] => [k, busy ? v / busy : 0])
      .sort((a, b) => (a[0] === 'other' ? 1 : b[0] === 'other' ? -1 : b[1] - a[1]));
  return {
    samples,
    busyShare: samples ? busy / samples : 0,
    categories: shares(categories),
    topFunctions: [...functions.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([k, v]) => [k, busy ? v / busy : 0]),
  };
}
