import fs from 'node:fs';
import path from 'node:path';
import type { IngestSummary } from './ingest-summary';

/**
 * The dead-letter store of the ingest command: every rejected input, kept with its
 * reason, so nothing is silently dropped and a fix can be re-sent. One folder per
 * run: `rejections.ndjson` (one line per rejection: format, location, reason) and a
 * copy of each file that had a rejection. Under the state folder, which stays out
 * of git: rejected inputs hold patient data.
 */
export function writeDeadLetters(
  root: string,
  summaries: IngestSummary[],
  now = new Date(),
): string | null {
  const rejections = summaries.flatMap((s) => s.rejected.map((r) => ({ format: s.format, ...r })));
  if (rejections.length === 0) return null;
  const dir = path.join(root, now.toISOString().replace(/[:.]/g, '-'));
  fs.mkdirSync(path.join(dir, 'inputs'), { recursive: true, mode: 0o700 });
  const lines = rejections.map((r) => JSON.stringify({ at: now.toISOString(), ...r }));
  fs.writeFileSync(path.join(dir, 'rejections.ndjson'), `${lines.join('\n')}\n`, { mode: 0o600 });
  const copied = new Set<string>();
  for (const rejection of rejections) {
    // Locations are a file path, optionally followed by a position (":line 3", "#entry 2").
    const file = candidateFiles(rejection.location).find(
      (f) => fs.existsSync(f) && fs.statSync(f).isFile(),
    );
    if (!file || copied.has(file)) continue;
    copied.add(file);
    const target = path.join(dir, 'inputs', `${copied.size}-${path.basename(file)}`);
    fs.copyFileSync(file, target);
    fs.chmodSync(target, 0o600);
  }
  return dir;
}

function candidateFiles(location: string): string[] {
  const out = [location];
  for (const separator of [':', '#', ' ']) {
    const at = location.indexOf(separator, 1);
    if (at > 0) out.push(location.slice(0, at));
  }
  return out;
}
