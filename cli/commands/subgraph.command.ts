import { Command } from 'commander';

interface ChangeOptions {
  supergraph?: string;
  operations?: string[];
  strict?: boolean;
  dryRun?: boolean;
}

async function change(
  action: 'add' | 'update' | 'remove',
  name: string,
  url: string | undefined,
  options: ChangeOptions,
): Promise<void> {
  const { defaultSupergraphFile } = await import('../supergraph/supergraph-location');
  const { gatewaySigningKey } = await import('../supergraph/gateway-signing-key');
  const { defaultOperationSources } = await import('../../gateway/supergraph/operation-registry');
  const { applySubgraphChange } = await import('../../gateway/supergraph/apply-subgraph-change');
  const supergraphFile = options.supergraph ?? defaultSupergraphFile();
  const operationSources = options.operations ?? defaultOperationSources();
  console.log(`Supergraph file: ${supergraphFile}`);
  console.log(
    `Registered operations: ${operationSources.length ? operationSources.join(', ') : 'none'}`,
  );
  const result = await applySubgraphChange({
    change: { action, name, url },
    supergraphFile,
    operationSources,
    privateKey: gatewaySigningKey(),
    strict: options.strict,
    dryRun: options.dryRun,
  });
  for (const line of result.report) console.log(line);
  if (result.refusals.length > 0) process.exitCode = 1;
}

function withChangeOptions(command: Command): Command {
  return command
    .option(
      '--supergraph <file>',
      "supergraph file to change (default: SUPERGRAPH_FILE, else the running stack's, else gateway/supergraph.graphql)",
    )
    .option(
      '--operations <paths...>',
      'registered client operations: folders of .graphql files or persisted-query manifests (default: gateway/operations/ and SAFELIST_FILE)',
    )
    .option('--strict', 'also refuse breaking schema changes no registered operation uses')
    .option('--dry-run', 'check and report, write nothing');
}

/**
 * `npx patientgraph subgraph add|update|remove`: change the subgraphs of a
 * supergraph file. Composition errors and changes that break registered client
 * operations are refused; a gateway following the file reloads by itself.
 */
export function subgraphCommand(): Command {
  const subgraph = new Command('subgraph').description(
    'Add, update or remove a subgraph of the supergraph (composed, checked, written atomically; the gateway reloads it)',
  );
  withChangeOptions(
    subgraph
      .command('add')
      .description("Add a partner's subgraph: fetches its SDL, composes it with the others")
      .argument('<name>', 'subgraph name (lower case, e.g. radiology)')
      .argument('<url>', 'its GraphQL endpoint, e.g. http://10.0.0.7:4010/graphql'),
  ).action((name: string, url: string, options: ChangeOptions) =>
    change('add', name, url, options),
  );
  withChangeOptions(
    subgraph
      .command('update')
      .description("Recompose with a subgraph's current SDL (and optionally a new URL)")
      .argument('<name>', 'subgraph name')
      .argument('[url]', 'new GraphQL endpoint (default: the one recorded)'),
  ).action((name: string, url: string | undefined, options: ChangeOptions) =>
    change('update', name, url, options),
  );
  withChangeOptions(
    subgraph
      .command('remove')
      .description('Remove a subgraph from the supergraph')
      .argument('<name>', 'subgraph name')
      .argument('[url]', 'ignored (accepted for symmetry with add)'),
  ).action((name: string, _url: string | undefined, options: ChangeOptions) =>
    change('remove', name, undefined, options),
  );
  subgraph
    .command('list')
    .description('List the subgraphs a supergraph file routes to')
    .option('--supergraph <file>', 'supergraph file (default as for add)')
    .action(async (options: { supergraph?: string }) => {
      const { defaultSupergraphFile } = await import('../supergraph/supergraph-location');
      const { readSupergraphFile } = await import('../../gateway/supergraph/supergraph-file');
      const { loadSupergraph } = await import('../../gateway/supergraph/supergraph-schema');
      const file = options.supergraph ?? defaultSupergraphFile();
      console.log(`Supergraph file: ${file}`);
      for (const s of loadSupergraph(readSupergraphFile(file)).subgraphs)
        console.log(`${s.name}\t${s.url}`);
    });
  return subgraph;
}
