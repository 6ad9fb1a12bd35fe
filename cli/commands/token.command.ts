import { Command } from 'commander';

interface TokenOptions {
  org?: string;
  orgAddress?: string;
  patient?: string;
  purpose: string;
  scope: string;
  reason?: string;
  ttl: number;
}

export function tokenCommand(): Command {
  return new Command('token')
    .description(
      'Mint a development bearer token for the gateway (HS256, local secret; refused in production)',
    )
    .option(
      '--org <name>',
      'organisation (dev organisations: riverside-health, riverside-hospital, northside-clinic, lakeside-research, county-public-health, acme-health-plan)',
    )
    .option(
      '--org-address <address>',
      "the organisation's consent-chain address (default: the dev organisation's)",
    )
    .option(
      '--patient <index>',
      'a token for a seeded patient acting for themself (dev wallet index)',
    )
    .option(
      '--purpose <code>',
      'purpose of use: TREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, ETREAT',
      'TREAT',
    )
    .option('--scope <scopes>', 'SMART on FHIR v2 scopes, space separated', 'user/*.rs')
    .option('--reason <text>', 'break-glass reason (with --purpose ETREAT)')
    .option('--ttl <seconds>', 'lifetime in seconds', (v) => Number(v), 3600)
    .action(async (options: TokenOptions) => {
      const { loadOrCreateDevSecrets } = await import('../../subgraphs/shared/config/dev-secrets');
      const { mintDevToken } = await import('../../gateway/auth/dev-token');
      const { devOrganizationWallet, devPatientWallet } =
        await import('../../contracts/dev-accounts');
      const { parsePurpose } = await import('../../contracts/consent-codes');
      if (parsePurpose(options.purpose) === undefined)
        throw new Error(`Unknown purpose of use "${options.purpose}"`);
      if (options.purpose === 'ETREAT' && !options.reason)
        throw new Error('--purpose ETREAT (break-glass) needs --reason');
      if (!options.org && options.patient === undefined)
        throw new Error('Give --org <name> or --patient <index>');
      const secrets = loadOrCreateDevSecrets();
      const patientAddress =
        options.patient !== undefined
          ? devPatientWallet(Number(options.patient)).address
          : undefined;
      const orgAddress = options.org
        ? (options.orgAddress ?? devOrganizationWallet(options.org).address)
        : undefined;
      const token = await mintDevToken(secrets.tokenSigningSecret, {
        subject: options.org ? `dev:${options.org}` : `patient:${patientAddress}`,
        organization: options.org,
        orgAddress,
        patientAddress,
        purpose: options.purpose,
        scopes: options.scope.split(/\s+/).filter(Boolean),
        breakGlassReason: options.reason,
        ttlSeconds: options.ttl,
      });
      console.log(token);
    });
}
