import { ConsentCategory } from '../../../contracts/consent-codes';

const OBSERVATION_CATEGORY_SYSTEM = 'http://terminology.hl7.org/CodeSystem/observation-category';

/**
 * Which ordinary consent category an Observation falls in, from its FHIR
 * `category` (http://hl7.org/fhir/R4/valueset-observation-category.html): vital
 * signs and exam findings are VITALS, social history and surveys are part of the
 * clinical history (CONDITIONS), everything else (laboratory, imaging, procedure
 * results) is LABS. Specially protected categories come on top, from the codes.
 */
export function observationConsentCategory(record: unknown): ConsentCategory {
  const categories = (
    record as { category?: { coding?: { system?: string | null; code?: string | null }[] }[] }
  )?.category;
  const codes = new Set(
    (categories ?? [])
      .flatMap((c) => c.coding ?? [])
      .filter((c) => !c.system || c.system === OBSERVATION_CATEGORY_SYSTEM)
      .map((c) => c.code),
  );
  if (codes.has('vital-signs') || codes.has('exam')) return ConsentCategory.Vitals;
  if (codes.has('social-history') || codes.has('survey')) return ConsentCategory.Conditions;
  return ConsentCategory.Labs;
}

/** The categories a mixed observations field spans (its @policy alternatives). */
export const OBSERVATION_CATEGORIES = [
  ConsentCategory.Labs,
  ConsentCategory.Vitals,
  ConsentCategory.Conditions,
] as const;
