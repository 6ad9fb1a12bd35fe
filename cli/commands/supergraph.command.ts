import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';

/**
 * `npx patientgraph supergraph compose|check`: the supergraph under version
 * control (gateway/supergraph.graphql), regenerated from the code of
 * PatientGraph's own subgraphs, and a validity check for any supergraph file.
 */
export function supergraphCommand(): Command {
  const supergraph = new Command('supergraph').description(
    'The composed supergraph file the gateway serves',
  );

  supergraph
    .command('compose')
    .description(
      "Compose PatientGraph's own subgraphs from the code (nothing needs to run) and write the supergraph file",
    )
    .option('--out <file>', 'file to write (default: gateway/supergraph.graphql)')
    .option(
      '--subgraphs <list>',
      'subgraph URLs as name=url,... (default: SUBGRAPHS, else the default ports)',
    )
    .option('--check', 'write nothing; exit 1 if the file differs from the code')
    .action(async (options: { out?: string; subgraphs?: string; check?: boolean }) => {
      const { coreSubgraphEndpoints, composePatientGraphSupergraph } =
        await import('../../gateway/supergraph/compose-patientgraph');
      const { supergraphFileText, writeSupergraphFileAtomic } =
        await import('../../gateway/supergraph/supergraph-file');
      const { COMMITTED_SUPERGRAPH_FILE } = await import('../supergraph/supergraph-location');
      const file = path.resolve(options.out ?? COMMITTED_SUPERGRAPH_FILE);
      const endpoints = coreSubgraphEndpoints(options.subgraphs ?? process.env.SUBGRAPHS);
      const composed = await composePatientGraphSupergraph(endpoints);
      for (const hint of composed.hints) console.log(`hint: ${hint.code}: ${hint.message}`);
      const text = supergraphFileText(composed.supergraphSdl, 'supergraph compose');
      const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
      if (options.check) {
        if (current === text) {
          console.log(`${file} is up to date`);
          return;
        }
        console.error(
          `${file} is stale: run \`npx patientgraph supergraph compose\` and commit the result`,
        );
        process.exitCode = 1;
        return;
      }
      if (current === text) {
        console.log(`${file} is up to date`);
        return;
      }
      writeSupergraphFileAtomic(file, text);
      console.log(`Wrote ${file}: ${endpoints.map((e) => `${e.name} (${e.url})`).join(', ')}`);
    });

  supergraph
    .command('check')
    .description(
      'Check that a supergraph file loads in the gateway and that registered operations are valid against it',
    )
    .argument('[file]', 'supergraph file (default as for `subgraph add`)')
    .option('--operations <paths...>', 'registered operations (default: gateway/operations/)')
    .action(async (fileArg: string | undefined, options: { operations?: string[] }) => {
      const { defaultSupergraphFile } = await import('../supergraph/supergraph-location');
      const { readSupergraphFile } = await import('../../gateway/supergraph/supergraph-file');
      const { loadSupergraph } = await import('../../gateway/supergraph/supergraph-schema');
      const { defaultOperationSources, loadOperationRegistry } =
        await import('../../gateway/supergraph/operation-registry');
      const { checkRegisteredOperations } =
        await import('../../gateway/supergraph/breaking-changes');
      const file = fileArg ?? defaultSupergraphFile();
      const loaded = loadSupergraph(readSupergraphFile(file), { plan: true });
      console.log(`${file}: valid, ${loaded.subgraphs.length} subgraphs`);
      for (const s of loaded.subgraphs) console.log(`  ${s.name}\t${s.url}`);
      const registry = loadOperationRegistry(options.operations ?? defaultOperationSources());
      registry.problems.forEach((p) => console.error(`operation registry: ${p}`));
      const { alreadyInvalid } = checkRegisteredOperations(
        registry.operations,
        loaded.apiSchema,
        loaded.apiSchema,
      );
      for (const invalid of alreadyInvalid)
        console.error(`invalid registered operation ${invalid.id}: ${invalid.errors.join('; ')}`);
      console.log(
        `${registry.operations.length - alreadyInvalid.length}/${registry.operations.length} registered operations valid`,
      );
      if (registry.problems.length > 0 || alreadyInvalid.length > 0) process.exitCode = 1;
    });
  return supergraph;
}
