import { Command } from 'commander';

interface ConsentOptions {
  patient: string;
  org?: string;
  category?: string;
  purpose: string;
  expires?: string;
  gateway?: string;
}

/** A GraphQL call to the running gateway as the patient (dev token for their wallet). */
async function asPatient<T>(
  gateway: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as {
    data?: T;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  if (body.errors?.length) {
    throw new Error(
      body.errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('\n'),
    );
  }
  return body.data as T;
}

async function session(options: ConsentOptions) {
  const { loadOrCreateDevSecrets } = await import('../../subgraphs/shared/config/dev-secrets');
  const { stateDir } = await import('../../subgraphs/shared/config/project-paths');
  const { mintDevToken } = await import('../../gateway/auth/dev-token');
  const { devPatientWallet } = await import('../../contracts/dev-accounts');
  const { readStackFile } = await import('../stack/stack-file');
  const wallet = devPatientWallet(Number(options.patient));
  const gateway =
    options.gateway ?? readStackFile(stateDir())?.gatewayUrl ?? 'http://127.0.0.1:4000/graphql';
  const token = await mintDevToken(loadOrCreateDevSecrets().tokenSigningSecret, {
    subject: `patient:${wallet.address}`,
    patientAddress: wallet.address,
    purpose: 'TREAT',
    scopes: ['patient/*.rs'],
  });
  const me = await asPatient<{ me: { id: string } | null }>(gateway, token, '{ me { id } }');
  if (!me.me)
    throw new Error(`No patient is linked to wallet ${options.patient} (${wallet.address})`);
  return { wallet, gateway, token, patientId: me.me.id };
}

async function change(action: 'GRANT' | 'REVOKE', options: ConsentOptions): Promise<void> {
  if (!options.org || !options.category) throw new Error('--org and --category are required');
  const { devOrganizationWallet } = await import('../../contracts/dev-accounts');
  const { wallet, gateway, token, patientId } = await session(options);
  const grantee = options.org.startsWith('0x')
    ? options.org
    : devOrganizationWallet(options.org).address;
  for (const category of options.category.split(',').map((c) => c.trim().toUpperCase())) {
    const { consentSigningRequest } = await asPatient<{
      consentSigningRequest: { typedData: string };
    }>(
      gateway,
      token,
      'query($input: ConsentTermsInput!) { consentSigningRequest(input: $input) { typedData } }',
      {
        input: {
          action,
          patientId,
          grantee,
          category,
          purpose: options.purpose,
          expiresAt: options.expires ?? null,
        },
      },
    );
    const typed = JSON.parse(consentSigningRequest.typedData) as {
      domain: Record<string, unknown>;
      types: Record<string, { name: string; type: string }[]>;
      message: Record<string, string>;
    };
    const types = Object.fromEntries(
      Object.entries(typed.types).filter(([name]) => name !== 'EIP712Domain'),
    );
    const signature = await wallet.signTypedData(typed.domain, types, typed.message);
    const mutation = action === 'GRANT' ? 'submitConsentGrant' : 'submitConsentRevocation';
    const result = await asPatient<
      Record<string, { transactionHash: string; blockNumber: number }>
    >(
      gateway,
      token,
      `mutation($input: SignedConsentInput!) { ${mutation}(input: $input) { transactionHash blockNumber } }`,
      { input: { ...typed.message, signature } },
    );
    console.log(
      `${action === 'GRANT' ? 'granted' : 'revoked'} ${category} for ${options.purpose} to ${options.org}: tx ${result[mutation]!.transactionHash} (block ${result[mutation]!.blockNumber})`,
    );
  }
}

export function consentCommand(): Command {
  const consent = new Command('consent').description(
    "Manage a seeded patient's consents through the graph (signed by the patient's dev wallet)",
  );
  const common = (command: Command) =>
    command
      .requiredOption(
        '--patient <index>',
        "the patient's dev wallet index (seeded patients: 0..size-1)",
      )
      .option(
        '--purpose <code>',
        'purpose of use: TREAT, HPAYMT, HOPERAT, HRESCH, PUBHLTH, ETREAT',
        'TREAT',
      )
      .option('--gateway <url>', 'gateway GraphQL URL (default: the running stack)');
  common(
    consent
      .command('grant')
      .description("Grant an organisation access to categories of the patient's data"),
  )
    .requiredOption('--org <name|address>', 'grantee organisation (dev name or chain address)')
    .requiredOption(
      '--category <codes>',
      'comma-separated: DEMOGRAPHICS, ENCOUNTERS, CONDITIONS, MEDICATIONS, ALLERGIES, LABS, VITALS, WEARABLES, MENTAL_HEALTH, SUBSTANCE_USE, HIV, SEXUAL_REPRODUCTIVE_HEALTH, GENETICS',
    )
    .option('--expires <iso>', 'when the grant lapses (default: until revoked)')
    .action((options: ConsentOptions) => change('GRANT', options));
  common(consent.command('revoke').description('Revoke a grant'))
    .requiredOption('--org <name|address>', 'grantee organisation')
    .requiredOption('--category <codes>', 'comma-separated category codes')
    .action((options: ConsentOptions) => change('REVOKE', options));
  common(consent.command('list').description("List the patient's consents")).action(
    async (options: ConsentOptions) => {
      const { gateway, token, patientId } = await session(options);
      const data = await asPatient<{
        patient: {
          consents: {
            grantee: string;
            category: string;
            purpose: string;
            expiresAt: string | null;
            active: boolean;
          }[];
        };
      }>(
        gateway,
        token,
        'query($id: ID!) { patient(id: $id) { consents { grantee category purpose expiresAt active } } }',
        { id: patientId },
      );
      const grants = data.patient.consents;
      if (grants.length === 0) console.log('no consents');
      for (const g of grants) {
        console.log(
          `${g.active ? 'active ' : 'lapsed '} ${g.category.padEnd(28)} ${g.purpose.padEnd(8)} ${g.grantee} ${g.expiresAt ? `until ${g.expiresAt}` : 'until revoked'}`,
        );
      }
    },
  );
  return consent;
}
