import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';

/**
 * `npm run conformance -- <folder>`: runs any folder of real vendor files through
 * the real ingest paths of a throw-away stack (empty stores, its own ports and
 * state folder) and prints what was accepted, what was a duplicate and what was
 * rejected and why. Needs no running stack and touches none.
 */
export function conformanceCommand(): Command {
  return new Command('conformance')
    .description(
      'Run a folder of real files (FHIR, HL7 v2, wearable payloads) through a temporary stack and report',
    )
    .argument('<paths...>', 'files or folders')
    .option('--json', 'print the summaries as JSON')
    .option('--keep', 'keep the temporary state folder (databases, logs, dead letters)')
    .action(async (paths: string[], options: { json?: boolean; keep?: boolean }) => {
      const { startStack } = await import('../stack/start-stack');
      const { EPHEMERAL_PORTS } = await import('../stack/stack-options');
      const { ingestPaths, printSummaries, ttyProgress } = await import('../ingest/ingest-paths');
      const { writeDeadLetters } = await import('../ingest/dead-letter');
      for (const p of paths) if (!fs.existsSync(p)) throw new Error(`No such file or folder: ${p}`);
      const home = fs.mkdtempSync(path.join(os.tmpdir(), 'patientgraph-conformance-'));
      console.error(`starting a temporary stack in ${home}`);
      const stack = await startStack({
        home,
        host: '127.0.0.1',
        ports: EPHEMERAL_PORTS,
        seed: false,
        logLevel: 'warn',
        databaseUrls: {},
      });
      try {
        const target = (url: string) => ({ baseUrl: url, serviceToken: stack.serviceToken });
        const summaries = await ingestPaths(
          paths,
          {
            fhir: target(stack.subgraphUrls['ehr-fhir']),
            hl7v2: { ...target(stack.subgraphUrls['ehr-hl7v2']), mllp: stack.mllp },
            wearables: target(stack.subgraphUrls.wearables),
          },
          { progress: ttyProgress },
        );
        if (options.json) console.log(JSON.stringify(summaries, null, 2));
        else printSummaries(summaries);
        const deadLetters = writeDeadLetters(path.join(home, 'dead-letter'), summaries);
        if (deadLetters && options.keep)
          console.error(`rejected inputs and their reasons: ${deadLetters}`);
      } finally {
        await stack.stop();
        if (!options.keep) fs.rmSync(home, { recursive: true, force: true });
      }
    });
}
