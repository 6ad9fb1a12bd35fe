import { Command } from 'commander';

interface TokenOptions {
  org?: string;
  orgAddress?: string;
  patient?: string;
  purpose: string;
  scope: string;
  reason?: string;
  ttl: number;
  alg: string;
}

export function tokenCommand(): Command {
  return new Command('token')
    .description(
      "Mint a development bearer token for the gateway (ES256 with the stack's dev key, or HS256 with the dev secret; development only)",
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
    .option('--alg <alg>', 'signing algorithm: ES256 (dev key pair) or HS256 (dev secret)', 'ES256')
    .action(async (options: TokenOptions) => {
      const { isProduction, loadOrCreateDevSecrets, loadOrCreateDevTokenKeyPair } =
        await import('../../subgraphs/shared/config/dev-secrets');
      if (isProduction())
        throw new Error('Development tokens are refused when NODE_ENV=production');
      const alg = options.alg.toUpperCase();
      if (alg !== 'ES256' && alg !== 'HS256')
        throw new Error(`--alg must be ES256 or HS256 (got "${options.alg}")`);
      if (!Number.isInteger(options.ttl) || options.ttl <= 0)
        throw new Error('--ttl must be a positive whole number of seconds');
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
      const key =
        alg === 'HS256'
          ? loadOrCreateDevSecrets().tokenSigningSecret
          : { privateKeyPem: loadOrCreateDevTokenKeyPair().privateKeyPem };
      const patientAddress =
        options.patient !== undefined
          ? devPatientWallet(Number(options.patient)).address
          : undefined;
      const orgAddress = options.org
        ? (options.orgAddress ?? devOrganizationWallet(options.org).address)
        : undefined;
      const token = await mintDevToken(key, {
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
