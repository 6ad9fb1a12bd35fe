import fs from 'node:fs';
import path from 'node:path';

export interface NamedProcess {
  name: string;
  pid: number;
}

const ORDER = ['gateway', 'identity', 'ehr-fhir', 'ehr-hl7v2', 'wearables', 'anvil'];

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** `subgraphs/identity/index.ts` -> identity, `gateway/main.ts` -> gateway. */
export function serviceOfEntry(args: readonly string[]): string | undefined {
  for (const arg of args) {
    const match = /(?:^|\/)(subgraphs\/([a-z0-9-]+)\/index|gateway\/main)\.ts$/.exec(arg);
    if (match) return match[2] ?? 'gateway';
  }
  return undefined;
}

/**
 * The stack's processes by pid, from /proc (the stack runner keeps its children to
 * itself): node processes whose environment names this state folder and process
 * set, and the anvil that keeps its chain state there. Empty off Linux, where the
 * usage columns then read n/a.
 */
export function findProcesses(home: string, set: string): NamedProcess[] {
  let pids: string[];
  try {
    pids = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  const found: NamedProcess[] = [];
  for (const pid of pids) {
    const args = (read(`/proc/${pid}/cmdline`) ?? '').split('\0');
    // The chain belongs to the stack the state folder was made for (the `on` set).
    const isAnvil = args[0]?.endsWith('/anvil') ?? false;
    if (set === 'on' && isAnvil && args.includes(path.join(home, 'chain-state.json'))) {
      found.push({ name: 'anvil', pid: Number(pid) });
      continue;
    }
    const service = serviceOfEntry(args);
    if (!service) continue;
    const env = (read(`/proc/${pid}/environ`) ?? '').split('\0');
    if (env.includes(`PATIENTGRAPH_HOME=${home}`) && env.includes(`BENCH_PROCESS_SET=${set}`))
      found.push({ name: service, pid: Number(pid) });
  }
  return found.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name));
}
