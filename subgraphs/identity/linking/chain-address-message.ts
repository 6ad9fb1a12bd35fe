/**
 * The text a patient's wallet signs (EIP-191 personal_sign) to prove it controls
 * the address being linked to their record. The identity store keeps the link;
 * the chain never sees the record identifier.
 */
export function chainAddressLinkMessage(input: {
  address: string;
  system: string;
  value: string;
  issuedAt: string;
}): string {
  return [
    'PatientGraph: link this consent-chain address to my patient record.',
    `Address: ${input.address.toLowerCase()}`,
    `Record: ${input.system}|${input.value}`,
    `Issued at: ${input.issuedAt}`,
  ].join('\n');
}

/** How long a signed link request stays valid (replay window). */
export const CHAIN_ADDRESS_LINK_TTL_MS = 10 * 60_000;
