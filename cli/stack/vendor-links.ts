import type { Person } from '../../generator/population';
import { VENDOR_SYSTEMS } from '../../generator/vendor-systems';
import { HL7V2_SYSTEM_PREFIX } from '../../subgraphs/ehr-hl7v2/mappers/identifier-systems';

/** Each vendor's own key for a person, as the vendor announces it to identity. */
export function vendorKeys(person: Person): { system: string; value: string }[] {
  const keys = [
    { system: `${VENDOR_SYSTEMS.ehrFhirBase}/Patient`, value: person.ids.fhirPatientId },
    {
      system: `${HL7V2_SYSTEM_PREFIX}${VENDOR_SYSTEMS.hospitalLabAuthority}`,
      value: person.ids.hl7PatientId,
    },
  ];
  if (person.wearable)
    keys.push({ system: VENDOR_SYSTEMS.fitbitUser, value: person.wearable.userId });
  return keys;
}

/**
 * Waits until every vendor key of every person resolves to that person's one
 * global patient. Vendors link their patients to identity through an outbox after
 * they store them (so a slow identity never loses a link); seeding is only done
 * once every link has landed.
 */
export async function waitForLinks(
  identity: { url: string; serviceToken: string },
  people: readonly Person[],
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const identifiers = people.flatMap(vendorKeys);
  for (;;) {
    const response = await fetch(`${identity.url}/links/resolve`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${identity.serviceToken}`,
      },
      body: JSON.stringify({ identifiers }),
    });
    const body = (await response.json()) as { identifiers: { patientId: string | null }[] };
    let offset = 0;
    const unlinked = people.filter((person) => {
      const ids = body.identifiers
        .slice(offset, (offset += vendorKeys(person).length))
        .map((i) => i.patientId);
      return ids.some((id) => id === null) || new Set(ids).size !== 1;
    });
    if (unlinked.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(
        `${unlinked.length} generated patient(s) were not linked across vendors in time (see the subgraph logs)`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
