import { Field, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: "One of the patient's consents as the registry holds it" })
export class ConsentGrant {
  @Field(() => String, { description: "The grantee organisation's chain address" })
  grantee!: string;
  @Field(() => String, { description: 'Data category code: LABS, MENTAL_HEALTH, ...' })
  category!: string;
  @Field(() => String, { description: 'HL7 purpose of use: TREAT, HRESCH, ...' }) purpose!: string;
  @Field(() => String, { nullable: true, description: 'ISO time it lapses; null = until revoked' })
  expiresAt?: string | null;
  @Field(() => Boolean) active!: boolean;
}

@ObjectType({ description: 'Who accessed (or was refused) what, and why; never clinical values' })
export class AccessLogEntry {
  @Field(() => String) at!: string;
  @Field(() => String) organization!: string;
  @Field(() => String, { nullable: true }) organizationAddress?: string | null;
  @Field(() => String) category!: string;
  @Field(() => String) purpose!: string;
  @Field(() => String, { description: 'GRANTED | DENIED | BREAK_GLASS | UNAVAILABLE' })
  decision!: string;
  @Field(() => String, { nullable: true, description: 'Stated reason, for break-glass' }) reason?:
    string | null;
  @Field(() => String, {
    description: 'The subgraph whose data the decision was about (ehr-fhir, wearables, ...)',
  })
  source!: string;
}

@InputType({
  description:
    'A grant or revocation exactly as the patient (or a delegate) signed it: the EIP-712 message of consentSigningRequest, plus the signature',
})
export class SignedConsentInput {
  @Field(() => String, { description: "The patient's chain address" }) patient!: string;
  @Field(() => String) grantee!: string;
  @Field(() => Int, {
    description: "The registry's category number, as signed (contracts/README.md)",
  })
  category!: number;
  @Field(() => Int, { description: "The registry's purpose number, as signed" }) purpose!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Grants only: unix seconds, "0" = until revoked',
  })
  expiry?: string | null;
  @Field(() => String) nonce!: string;
  @Field(() => String, { description: 'Unix seconds after which the signature is refused' })
  deadline!: string;
  @Field(() => String, { description: '65-byte signature, 0x-prefixed hex' }) signature!: string;
}

@ObjectType({ description: 'The registry transaction that carried a signed consent change' })
export class ConsentSubmission {
  @Field(() => String) transactionHash!: string;
  @Field(() => Int) blockNumber!: number;
}

@ObjectType({ description: 'EIP-712 typed data for a wallet to sign (eth_signTypedData_v4)' })
export class ConsentSigningRequest {
  @Field(() => String, { description: 'JSON: { domain, types, primaryType, message }' })
  typedData!: string;
}

@InputType()
export class ConsentTermsInput {
  @Field(() => String, { description: 'GRANT or REVOKE' }) action!: string;
  @Field(() => String, { description: 'Global patient id' }) patientId!: string;
  @Field(() => String) grantee!: string;
  @Field(() => String) category!: string;
  @Field(() => String) purpose!: string;
  @Field(() => String, { nullable: true, description: 'Grants only: ISO time it lapses' })
  expiresAt?: string | null;
}
