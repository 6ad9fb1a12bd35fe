import { Directive, UseMiddleware, type MiddlewareFn } from 'type-graphql';
import { categoryInfo, purposeInfo, type ConsentCategory } from '../../../contracts/consent-codes';
import { ConsentRequiredError, ConsentUnavailableError } from '../errors';
import { codingsOf } from './record-codings';
import { sensitiveCategoriesOf } from './record-sensitivity';
import type { PatientRef, RequestConsent } from './request-consent';

/** What a context must carry for `@Sensitive` fields to resolve at all. */
export interface ConsentContext {
  consent?: RequestConsent;
}

export interface SensitiveOptions {
  /**
   * How to find the patient from the field's parent object. Default: the parent is
   * the patient (`id`, `consentAddress`), as it is for fields on `Patient`.
   */
  patientOf?: (root: unknown) => PatientRef;
  /**
   * The field returns records (a list, or one): check each record's own codes too and
   * withhold those in specially protected categories the requester has no consent for.
   */
  records?: boolean;
  /**
   * For fields whose records span several ordinary categories (observations: labs and
   * vitals): the category of one record. Records of a category the requester holds no
   * consent for are withheld.
   */
  recordCategory?: (record: unknown) => ConsentCategory | null;
}

/** The `@policy` name a category carries in the supergraph, e.g. `consent:labs`. */
export function policyName(category: ConsentCategory): string {
  return `consent:${categoryInfo(category).code.toLowerCase()}`;
}

function defaultPatientOf(root: unknown): PatientRef {
  const r = (root ?? {}) as { id?: unknown; consentAddress?: unknown };
  return {
    id: typeof r.id === 'string' ? r.id : 'unknown',
    consentAddress: typeof r.consentAddress === 'string' ? r.consentAddress : null,
  };
}

function consentError(
  consent: RequestConsent,
  patient: PatientRef,
  category: ConsentCategory,
  decision: string,
) {
  const details = {
    category: categoryInfo(category).code,
    purpose:
      consent.purpose === undefined ? consent.requester.purpose : purposeInfo(consent.purpose).code,
    patientId: patient.id,
  };
  return decision === 'UNAVAILABLE'
    ? new ConsentUnavailableError(details)
    : new ConsentRequiredError(details);
}

/**
 * The consent check, as a type-graphql middleware. Before the field resolves, the
 * requester must hold consent for the field's category; a denial throws (the field
 * becomes null with a CONSENT_REQUIRED error, the rest of the query resolves).
 * Then, for record fields, each record whose own codes put it in a specially
 * protected category is kept only if that category is consented too; withheld
 * records are dropped without trace in the response (their existence is itself
 * sensitive) and recorded in the audit log.
 */
export function consentMiddleware(
  categories: readonly ConsentCategory[],
  options: SensitiveOptions = {},
): MiddlewareFn<ConsentContext> {
  const patientOf = options.patientOf ?? defaultPatientOf;
  const checkRecords = options.records || options.recordCategory !== undefined;
  return async ({ root, context, info }, next) => {
    const consent = context.consent;
    // CONSENT_ENFORCEMENT=off (refused in production): as if the policy layer were absent.
    if (consent && !consent.enforced) return next();
    const patient = patientOf(root);
    const field = `${info.parentType.name}.${info.fieldName}`;
    if (!consent) {
      // No consent runtime configured means nothing can be verified: fail closed.
      throw new ConsentUnavailableError({
        category: categoryInfo(categories[0]!).code,
        purpose: 'NONE',
        patientId: patient.id,
      });
    }
    // Field level: the requester needs one of the field's categories (all of them
    // are asked in one batch; records of the others are filtered below).
    const outcomes = await Promise.all(categories.map((c) => consent.decide(patient, [c], field)));
    const granted = new Set(categories.filter((_, i) => outcomes[i]!.allowed));
    if (granted.size === 0) {
      const unavailable = outcomes.find((o) => o.decision === 'UNAVAILABLE');
      const first = unavailable ?? outcomes[0]!;
      throw consentError(consent, patient, first.category ?? categories[0]!, first.decision);
    }
    const value: unknown = await next();
    if (!checkRecords || value === null || value === undefined) return value;
    // Most records need no further question: answered without a promise each.
    const allowed = (record: unknown): boolean | Promise<boolean> => {
      const own = options.recordCategory?.(record);
      if (own !== undefined && own !== null && !granted.has(own)) {
        if (!categories.includes(own)) {
          return consent.decide(patient, [own], field).then((o) => o.allowed);
        }
        return false;
      }
      const extra = sensitiveCategoriesOf(codingsOf(record));
      if (extra.length === 0) return true;
      return consent.decide(patient, extra, field).then((o) => o.allowed);
    };
    if (Array.isArray(value)) {
      const verdicts = value.map(allowed);
      const settled = verdicts.every((v) => typeof v === 'boolean')
        ? verdicts
        : await Promise.all(verdicts);
      return value.filter((_, i) => settled[i]);
    }
    return (await allowed(value)) ? value : null;
  };
}

/**
 * Marks a field as sensitive: checked against the patient's on-chain consent before
 * it resolves, audited, and published in the subgraph's SDL as
 * `@policy(policies: [["consent:<category>"]])`, so the composed supergraph says
 * which fields are sensitive and a federation router can enforce it too.
 * Sensitive fields must be nullable: a denied field resolves to null. A list of
 * categories means the field's records span them (see `recordCategory`).
 */
export function Sensitive(
  category: ConsentCategory | readonly ConsentCategory[],
  options: SensitiveOptions = {},
): PropertyDecorator & MethodDecorator {
  const categories: readonly ConsentCategory[] = Array.isArray(category) ? category : [category];
  if (categories.length === 0) throw new Error('@Sensitive needs at least one category');
  const middleware = UseMiddleware(consentMiddleware(categories, options));
  // Alternatives in @policy are ORed: any one of the field's categories opens it.
  const policy = Directive(
    `@policy(policies: [${categories.map((c) => `["${policyName(c)}"]`).join(', ')}])`,
  );
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      middleware(target, key, descriptor);
      policy(target, key, descriptor);
    } else {
      (middleware as PropertyDecorator)(target, key);
      (policy as PropertyDecorator)(target, key);
    }
  }) as PropertyDecorator & MethodDecorator;
}
