import 'reflect-metadata';
import { Command } from 'commander';
import { auditCommand } from './commands/audit.command';
import { benchCommand } from './commands/bench.command';
import { conformanceCommand } from './commands/conformance.command';
import { consentCommand } from './commands/consent.command';
import { dbCommand } from './commands/db.command';
import { gatewayCommand } from './commands/gateway.command';
import { generateCommand } from './commands/generate.command';
import { ingestCommand } from './commands/ingest.command';
import { startCommand } from './commands/start.command';
import { subgraphCommand } from './commands/subgraph.command';
import { supergraphCommand } from './commands/supergraph.command';
import { tokenCommand } from './commands/token.command';

/**
 * `npx patientgraph <command>`. Each command module loads what it needs inside its
 * action, so `--help` and the install-time `db generate` stay quick.
 */
const program = new Command('patientgraph')
  .description('PatientGraph: one consent-checked GraphQL patient graph over EHRs and wearables')
  .showHelpAfterError();

program.addCommand(startCommand());
program.addCommand(gatewayCommand());
program.addCommand(supergraphCommand());
program.addCommand(subgraphCommand());
program.addCommand(generateCommand());
program.addCommand(ingestCommand());
program.addCommand(tokenCommand());
program.addCommand(consentCommand());
program.addCommand(auditCommand());
program.addCommand(conformanceCommand());
program.addCommand(benchCommand());
program.addCommand(dbCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
