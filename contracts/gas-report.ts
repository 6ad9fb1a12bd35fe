/**
 * Gas per ConsentRegistry operation on a fresh anvil:
 *   node -r @swc-node/register contracts/gas-report.ts
 * Transactions report gasUsed from their receipt; views report eth_estimateGas of the call
 * (what a node charges against its eth_call gas cap). Both include the 21 000 base cost and
 * calldata. The table is copied into docs/gas.md.
 */
import { id } from 'ethers';
import { ConsentCategory, PurposeOfUse } from './consent-codes';
import { ConsentRegistry, type ConsentKey, type TxResult } from './consent-registry';
import { deployConsentRegistry } from './deploy';
import {
  anvilDevWallet,
  devAnchorerWallet,
  devDeployerWallet,
  devOrganizationWallet,
  devPatientWallet,
  devRelayerWallet,
} from './dev-accounts';
import { rpc, startLocalChain } from './local-chain';
import { createRpcProvider, createSigner } from './rpc-provider';

interface Row {
  operation: string;
  gas: bigint;
  note?: string;
}

async function main(): Promise<void> {
  const chain = await startLocalChain({ port: 0 });
  const provider = createRpcProvider(chain.rpcUrl);
  const rows: Row[] = [];
  const tx = (operation: string, result: TxResult, note?: string) =>
    rows.push({ operation, gas: result.gasUsed, note });
  try {
    const deployment = await deployConsentRegistry({
      rpcUrl: chain.rpcUrl,
      deployerPrivateKey: devDeployerWallet().privateKey,
      anchorers: [devAnchorerWallet().address],
    });
    const deployBlock = await provider.getBlock(deployment.deployBlock, true);
    const deployTx = deployBlock!.prefetchedTransactions[0];
    const deployReceipt = await provider.getTransactionReceipt(deployTx.hash);
    rows.push({ operation: 'deploy', gas: deployReceipt!.gasUsed });

    const as = (privateKey: string) =>
      new ConsentRegistry(deployment.address, createSigner(provider, privateKey));
    const reader = new ConsentRegistry(deployment.address, provider);
    const patient = devPatientWallet(0);
    const delegate = devPatientWallet(1);
    const unfunded = devPatientWallet(2);
    for (const w of [patient, delegate]) {
      await rpc(chain.rpcUrl, 'anvil_setBalance', [w.address, '0xde0b6b3a7640000']);
    }
    const clinic = devOrganizationWallet('riverside-health').address;
    const lab = devOrganizationWallet('riverside-hospital').address;
    const asPatient = as(patient.privateKey);
    const relayer = as(devRelayerWallet().privateKey);
    const labs = { grantee: clinic, category: ConsentCategory.Labs, purpose: PurposeOfUse.TREAT };

    tx('grant (new consent)', await asPatient.grant(labs), 'patient sends');
    const later = (await reader.chainTime()) + 86_400;
    tx('grant (renew: change expiry)', await asPatient.grant({ ...labs, expiresAt: later }));
    tx('revoke (only grant of patient)', await asPatient.revoke(labs));
    await asPatient.grant(labs);
    await asPatient.grant({ ...labs, category: ConsentCategory.Vitals });
    tx('revoke (swap with last of 2)', await asPatient.revoke(labs));

    tx(
      'grantWithSig (relayer, new consent)',
      await relayer.submitSignedGrant(await reader.signGrant(unfunded, labs)),
      'EIP-712, patient holds no ether',
    );
    tx(
      'revokeWithSig (relayer)',
      await relayer.submitSignedRevocation(await reader.signRevocation(unfunded, labs)),
    );
    tx('setDelegate (patient)', await asPatient.setDelegate(delegate.address, true));
    tx(
      'setDelegateWithSig (relayer)',
      await relayer.submitSignedDelegate(
        await reader.signDelegate(unfunded, delegate.address, true),
      ),
    );
    tx(
      'grantFor (delegate)',
      await as(delegate.privateKey).grantFor(patient.address, { ...labs, grantee: lab }),
    );
    tx(
      'recordEmergencyAccess',
      await as(devOrganizationWallet('riverside-hospital').privateKey).recordEmergencyAccess({
        patient: patient.address,
        categories: [ConsentCategory.Medications, ConsentCategory.Allergies],
        reasonCode: 'PATIENT_UNRESPONSIVE',
        justificationHash: id('audit record'),
      }),
    );
    const anchorer = as(devAnchorerWallet().privateKey);
    tx(
      'anchorAuditHead (first)',
      await anchorer.anchorAuditHead({ headHash: id('h1'), entryCount: 1 }),
    );
    tx(
      'anchorAuditHead (next)',
      await anchorer.anchorAuditHead({ headHash: id('h2'), entryCount: 2 }),
    );

    // Views: give the patient 20 grants to list, then estimate the calls.
    for (let i = 0; i < 18; i++) {
      await asPatient.grant({
        grantee: anvilDevWallet(i % 10).address,
        category: (i % 13) as ConsentCategory,
        purpose: (1 + (i % 5)) as PurposeOfUse,
      });
    }
    const estimate = async (operation: string, method: string, args: unknown[], note?: string) => {
      const data = reader.contract.interface.encodeFunctionData(method, args);
      rows.push({
        operation,
        gas: await provider.estimateGas({ to: deployment.address, data }),
        note,
      });
    };
    const query = (i: number): ConsentKey => ({
      patient: patient.address,
      grantee: i % 2 ? clinic : lab,
      category: (i % 13) as ConsentCategory,
      purpose: PurposeOfUse.TREAT,
    });
    const tuple = (q: ConsentKey) => [q.patient, q.grantee, q.category, q.purpose];
    await estimate('hasConsent', 'hasConsent', tuple(query(0)), 'eth_call');
    for (const n of [1, 10, 50, 100]) {
      const queries = Array.from({ length: n }, (_, i) => tuple(query(i)));
      await estimate(`hasConsentBatch (${n})`, 'hasConsentBatch', [queries], 'one eth_call');
    }
    await estimate('consentMask (13 categories)', 'consentMask', [patient.address, clinic, 0]);
    const count = Number(
      await reader.contract.getFunction('grantCount').staticCall(patient.address),
    );
    await estimate(`listGrants (${count} grants)`, 'listGrants', [patient.address, 0, 500]);

    console.log('| Operation | Gas | Note |');
    console.log('| --- | ---: | --- |');
    for (const row of rows) {
      console.log(`| ${row.operation} | ${row.gas.toLocaleString('en-US')} | ${row.note ?? ''} |`);
    }
  } finally {
    provider.destroy();
    await chain.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
