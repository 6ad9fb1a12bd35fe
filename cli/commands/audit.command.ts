import { Command } from 'commander';

export function auditCommand(): Command {
  const audit = new Command('audit').description('The hash-chained audit log of consent decisions');
  audit
    .command('verify')
    .description(
      'Recompute every audit chain and compare it with its on-chain anchors; exit 1 on tampering',
    )
    .option(
      '--database <url>',
      "audit database URL, {logId} in a SQLite file name for one file per log (default: AUDIT_DATABASE_URL or the stack's)",
    )
    .option('--rpc <url>', "chain JSON-RPC URL (default: CHAIN_RPC_URL or the running stack's)")
    .option('--no-chain', 'check the hash chains only, not their on-chain anchors')
    .action(async (options: { database?: string; rpc?: string; chain: boolean }) => {
      const { defaultAuditDatabaseUrl, chainDeploymentFile, stateDir } =
        await import('../../subgraphs/shared/config/project-paths');
      const { auditStoreUrls } = await import('../../subgraphs/shared/audit/audit-locations');
      const { migrateDatabase } = await import('../../subgraphs/shared/store/migrate');
      const { openAuditStore } = await import('../../subgraphs/shared/audit/audit-store');
      const { verifyAuditChains } = await import('../../subgraphs/shared/audit/audit-verify');
      const { readStackFile } = await import('../stack/stack-file');
      const pattern =
        options.database ?? process.env.AUDIT_DATABASE_URL ?? defaultAuditDatabaseUrl();
      let registry;
      let destroy: (() => void) | undefined;
      if (options.chain) {
        const { ConsentRegistry } = await import('../../contracts/consent-registry');
        const { readDeployment } = await import('../../contracts/deploy');
        const rpcUrl =
          options.rpc ??
          process.env.CHAIN_RPC_URL ??
          readStackFile(stateDir())?.chain.rpcUrl ??
          'http://127.0.0.1:8545';
        const connected = ConsentRegistry.connect({
          rpcUrl,
          address: readDeployment(chainDeploymentFile()).address,
        });
        registry = connected.registry;
        destroy = () => connected.provider.destroy();
      }
      try {
        // One store, or one per log when AUDIT_DATABASE_URL has {logId} in its file name.
        const reports = [];
        for (const url of auditStoreUrls(pattern)) {
          await migrateDatabase('audit', url);
          const store = await openAuditStore(url);
          try {
            reports.push(...(await verifyAuditChains(store, registry)));
          } finally {
            await store.$disconnect();
          }
        }
        if (reports.length === 0) console.log('audit log is empty');
        for (const report of reports) {
          const anchor = report.anchor
            ? `anchored at entry ${report.anchor.entryCount}: ${report.anchor.matches ? 'matches' : 'DIFFERS'}`
            : options.chain
              ? 'not anchored yet'
              : 'anchors not checked';
          console.log(
            `${report.ok ? 'OK      ' : 'TAMPERED'} ${report.logId}: ${report.entries} entries, ${anchor}`,
          );
          for (const problem of report.problems) console.log(`         ${problem}`);
        }
        if (reports.some((r) => !r.ok)) process.exitCode = 1;
      } finally {
        destroy?.();
      }
    });
  return audit;
}
