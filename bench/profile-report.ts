import fs from 'node:fs';
import path from 'node:path';
import { summarizeCpuProfile, type CpuProfile } from './report/cpu-profile-summary';

/**
 * Prints where each stack process spent its time, from the profiles a run made with
 * BENCH_PROFILE_DIR=<dir> (one `<service>-<pid>.cpuprofile` per process):
 *   node -r @swc-node/register bench/profile-report.ts <dir> [window seconds] [seconds to skip at the end]
 * The window is the end of each profile (processes stop when the run ends).
 */
function main(argv: string[]): void {
  const [dir, window = 'Infinity', skip = '1'] = argv;
  if (!dir) {
    console.error('usage: bench/profile-report.ts <profile dir> [window seconds] [skip seconds]');
    process.exitCode = 2;
    return;
  }
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort()) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const summary = summarizeCpuProfile(profile, Number(window), Number(skip));
    console.log(`\n${file}: busy ${pct(summary.busyShare)} of ${summary.samples} samples`);
    for (const [name, share] of summary.categories) console.log(`  ${pct(share)}  ${name}`);
    console.log('  top functions (self):');
    for (const [name, share] of summary.topFunctions) console.log(`    ${pct(share)}  ${name}`);
  }
}

if (require.main === module) main(process.argv.slice(2));
