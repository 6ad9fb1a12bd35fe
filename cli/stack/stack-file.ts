import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a running stack says where its parts listen, so other commands
 * (`patientgraph ingest`, `consent`, `token`) find it without flags. Written by
 * `start`, removed on a clean stop. Holds URLs only; secrets stay in their own file.
 */
export interface StackFile {
  pid: number;
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  mllp: { host: string; port: number };
  chain: { rpcUrl: string; registryAddress: string; chainId: number };
  startedAt: string;
}

export function stackFilePath(home: string): string {
  return path.join(home, 'stack.json');
}

export function writeStackFile(home: string, stack: StackFile): void {
  fs.writeFileSync(stackFilePath(home), `${JSON.stringify(stack, null, 2)}\n`);
}

export function readStackFile(home: string): StackFile | null {
  const file = stackFilePath(home);
  if (!fs.existsSync(file)) return null;
  const stack = JSON.parse(fs.readFileSync(file, 'utf8')) as StackFile;
  try {
    process.kill(stack.pid, 0);
  } catch {
    return null; // the stack that wrote it is gone
  }
  return stack;
}

export function removeStackFile(home: string): void {
  fs.rmSync(stackFilePath(home), { force: true });
}
