import { HDNodeWallet } from 'ethers';

/**
 * Development keys only. Anvil funds the first ten accounts of this well-known mnemonic;
 * they are public and must never hold anything of value.
 */
export const ANVIL_DEV_MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * Patients' wallets come from a SEPARATE mnemonic, so no patient address is ever one that
 * anvil funds: like real patients, they hold no ether and act only through signatures that
 * a relayer submits. (Entropy: first 16 bytes of keccak256("patientgraph dev patients v1").)
 */
export const DEV_PATIENT_MNEMONIC =
  'negative leader exercise erase pattern toy police pig comfort suit staff split';

/** BIP-44 Ethereum path, as anvil derives its accounts: m/44'/60'/0'/0/<index>. */
const ACCOUNT_PATH = "m/44'/60'/0'/0";

/** Which anvil account plays which part. */
export const DEV_ACCOUNT_INDEX = {
  deployer: 0,
  relayer: 1,
  auditAnchorer: 2,
} as const;

export interface DevOrganization {
  key: string;
  /** Index of its anvil dev account (funded, so it can record break-glass accesses). */
  index: number;
  description: string;
}

/** Sample grantees. Organisations (not people) are the only named parties near the chain. */
export const DEV_ORGANIZATIONS: readonly DevOrganization[] = Object.freeze([
  { key: 'riverside-health', index: 3, description: 'Riverside Health (ambulatory EHR)' },
  { key: 'riverside-hospital', index: 4, description: 'Riverside General Hospital (ADT, lab)' },
  { key: 'northside-clinic', index: 5, description: 'Northside Clinic (no consents by default)' },
  { key: 'lakeside-research', index: 6, description: 'Lakeside Research Institute (HRESCH)' },
  { key: 'county-public-health', index: 7, description: 'County public health (PUBHLTH)' },
  { key: 'acme-health-plan', index: 8, description: 'Acme Health Plan (HPAYMT)' },
]);

const roots = new Map<string, HDNodeWallet>();

function derive(mnemonic: string, index: number): HDNodeWallet {
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 31) {
    throw new RangeError(`account index must be an integer in [0, 2^31), got ${index}`);
  }
  let root = roots.get(mnemonic);
  if (!root) {
    // The seed derivation (PBKDF2, 2048 rounds) runs once per mnemonic.
    root = HDNodeWallet.fromPhrase(mnemonic, undefined, ACCOUNT_PATH);
    roots.set(mnemonic, root);
  }
  return root.deriveChild(index);
}

/** Anvil dev account `index` (0-19 are funded with 10 000 ETH on a local chain we start). */
export function anvilDevWallet(index: number): HDNodeWallet {
  return derive(ANVIL_DEV_MNEMONIC, index);
}

export function devDeployerWallet(): HDNodeWallet {
  return anvilDevWallet(DEV_ACCOUNT_INDEX.deployer);
}

export function devRelayerWallet(): HDNodeWallet {
  return anvilDevWallet(DEV_ACCOUNT_INDEX.relayer);
}

export function devAnchorerWallet(): HDNodeWallet {
  return anvilDevWallet(DEV_ACCOUNT_INDEX.auditAnchorer);
}

/**
 * Anchorer accounts for the audit chains of a development stack: one per writing
 * process, so that their anchoring transactions never compete for one nonce. The
 * first is the historical dev anchorer; the rest are anvil accounts 10-18 (the
 * gateway's log holds the decisions of the federated queries it answers).
 */
export const DEV_AUDIT_LOG_ANCHORERS: Readonly<Record<string, number>> = Object.freeze({
  identity: 10,
  'ehr-fhir': 11,
  'ehr-hl7v2': 12,
  wearables: 13,
  radiology: 14,
  gateway: 18,
});
const SPARE_ANCHORERS = [15, 16, 17];

/** The dev anchorer of one audit chain (known logs get their own account; others share spares). */
export function devAuditAnchorerWallet(logId: string): HDNodeWallet {
  const index = DEV_AUDIT_LOG_ANCHORERS[logId];
  if (index !== undefined) return anvilDevWallet(index);
  let hash = 0;
  for (const char of logId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return anvilDevWallet(SPARE_ANCHORERS[hash % SPARE_ANCHORERS.length]!);
}

/** Every dev anchorer address, to authorise at deployment on a development chain. */
export function devAnchorerAddresses(): string[] {
  return [
    devAnchorerWallet().address,
    ...[...Object.values(DEV_AUDIT_LOG_ANCHORERS), ...SPARE_ANCHORERS].map(
      (i) => anvilDevWallet(i).address,
    ),
  ];
}

export function devOrganizationWallet(key: string): HDNodeWallet {
  const organization = DEV_ORGANIZATIONS.find((o) => o.key === key);
  if (!organization) {
    throw new RangeError(
      `unknown dev organization ${key}; known: ${DEV_ORGANIZATIONS.map((o) => o.key).join(', ')}`,
    );
  }
  return anvilDevWallet(organization.index);
}

/** The wallet of synthetic patient number `index` (unfunded; signs EIP-712 consents). */
export function devPatientWallet(index: number): HDNodeWallet {
  return derive(DEV_PATIENT_MNEMONIC, index);
}
