import path from 'node:path';
import { Command } from 'commander';

export function generateCommand(): Command {
  return new Command('generate')
    .description("Write a synthetic population to a folder, in each vendor's own format")
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('-n, --size <n>', 'number of patients', (v) => Number(v), 12)
    .option('-s, --seed <n>', 'random seed (same seed, same files)', (v) => Number(v), 20261125)
    .option(
      '--as-of <date>',
      'the day the data runs up to (YYYY-MM-DD)',
      new Date().toISOString().slice(0, 10),
    )
    .option('--wearable-days <n>', 'days of wearable streams', (v) => Number(v), 7)
    .action(
      async (options: {
        out: string;
        size: number;
        seed: number;
        asOf: string;
        wearableDays: number;
      }) => {
        if (!Number.isInteger(options.size) || options.size < 1)
          throw new Error('--size must be a positive integer');
        if (!Number.isInteger(options.seed)) throw new Error('--seed must be an integer');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(options.asOf))
          throw new Error('--as-of must be YYYY-MM-DD');
        const { writePopulation } = await import('../../generator/write-population');
        const dir = path.resolve(options.out);
        const progressEvery = Math.max(1, Math.floor(options.size / 20));
        const manifest = writePopulation(
          dir,
          {
            seed: options.seed,
            size: options.size,
            asOf: new Date(`${options.asOf}T00:00:00Z`),
            wearableDays: options.wearableDays,
          },
          (index) => {
            if ((index + 1) % progressEvery === 0)
              process.stderr.write(`\r  ${index + 1}/${options.size} patients`);
          },
        );
        process.stderr.write('\n');
        console.log(
          `Wrote ${manifest.size} patients to ${dir}: ${manifest.files['ehr-fhir']} FHIR bundles, ` +
            `${manifest.files['ehr-hl7v2']} HL7 v2 files, ${manifest.files.wearables} wearable payloads`,
        );
      },
    );
}
