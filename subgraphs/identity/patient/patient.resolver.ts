import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { ConsentCategory } from '../../../contracts/consent-codes';
import { BadUserInputError, ConsentUnavailableError } from '../../shared/errors';
import type { IdentityContext } from '../context';
import { storedPatientToPatient } from '../mappers/stored-patient-to-patient';
import { normaliseName } from '../mappers/search-name';
import { decodePatientCursor, encodePatientCursor } from './patient-cursor';
import { PatientConnection } from './patient-connection.type';
import { Patient } from './patient.type';

const MAX_PAGE_SIZE = 100;
/** Candidates read per round while filling a page with patients the requester may see. */
const CANDIDATE_CHUNK = 100;
/**
 * At most this many candidates are checked per request; a page that is not full by
 * then comes back short, with hasNextPage and a cursor to continue from. Bounds the
 * work one search can cause however few patients the requester may see.
 */
const MAX_CANDIDATES_PER_REQUEST = 1_000;

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => Patient, { nullable: true, description: 'One patient by global id' })
  async patient(
    @Arg('id', () => ID) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<Patient | null> {
    return context.patients.load(id);
  }

  @Query(() => Patient, {
    nullable: true,
    description:
      "The patient the caller is (patient-facing apps: the token names the patient's chain address)",
  })
  async me(@Ctx() context: IdentityContext): Promise<Patient | null> {
    const address = context.requester.patientAddress?.toLowerCase();
    if (!address) return null;
    const row = await context.store.patient.findUnique({
      where: { chainAddress: address },
      include: { identifiers: { orderBy: { createdAt: 'asc' } } },
    });
    return row ? storedPatientToPatient(row, row.identifiers) : null;
  }

  @Query(() => PatientConnection, {
    description:
      'Patients whose demographics the requester may see (consent or break-glass), ordered by name; ' +
      '`name` matches every word given, `birthDate` a date or its prefix',
  })
  async patients(
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('name', () => String, { nullable: true }) name: string | null,
    @Arg('birthDate', () => String, { nullable: true }) birthDate: string | null,
    @Ctx() context: IdentityContext,
  ): Promise<PatientConnection> {
    if (first < 1 || first > MAX_PAGE_SIZE) {
      throw new BadUserInputError(`first must be between 1 and ${MAX_PAGE_SIZE}`, {
        argument: 'first',
      });
    }
    if (birthDate != null && !/^\d{4}(-\d{2}(-\d{2})?)?$/.test(birthDate)) {
      throw new BadUserInputError('birthDate must be YYYY, YYYY-MM or YYYY-MM-DD', {
        argument: 'birthDate',
      });
    }
    const consent = context.consent;
    if (!consent) {
      throw new ConsentUnavailableError({
        category: 'DEMOGRAPHICS',
        purpose: context.requester.purpose,
        patientId: '*',
      });
    }
    // Nobody (anonymous, a token without an organisation address or purpose) is
    // shown anyone: answer at once instead of checking every patient.
    if (!consent.canBeGranted)
      return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const words = name ? normaliseName(name).split(' ').filter(Boolean) : [];
    const filter = {
      mergedIntoId: null,
      AND: words.map((word) => ({ searchName: { contains: word } })),
      ...(birthDate ? { birthDate: { startsWith: birthDate } } : {}),
    };
    // Only patients whose demographics the requester may see are listed at all: a
    // search must not reveal that someone is a patient here, so results (and the
    // page boundaries) are filtered by consent, not just their fields.
    const visible: Patient[] = [];
    let cursor = after ? decodePatientCursor(after) : null;
    let exhausted = false;
    let scanned = 0;
    while (visible.length <= first && !exhausted && scanned < MAX_CANDIDATES_PER_REQUEST) {
      const rows = await context.store.patient.findMany({
        where: cursor
          ? {
              ...filter,
              OR: [
                { searchName: { gt: cursor.searchName } },
                { searchName: cursor.searchName, id: { gt: cursor.id } },
              ],
            }
          : filter,
        orderBy: [{ searchName: 'asc' }, { id: 'asc' }],
        take: CANDIDATE_CHUNK,
        include: { identifiers: { orderBy: { createdAt: 'asc' } } },
      });
      exhausted = rows.length < CANDIDATE_CHUNK;
      scanned += rows.length;
      const outcomes = await Promise.all(
        rows.map((row) =>
          consent.decide(
            { id: row.id, consentAddress: row.chainAddress },
            [ConsentCategory.Demographics],
            'Query.patients',
            { auditDenials: false },
          ),
        ),
      );
      if (outcomes.some((o) => o.decision === 'UNAVAILABLE')) {
        throw new ConsentUnavailableError({
          category: 'DEMOGRAPHICS',
          purpose: context.requester.purpose,
          patientId: '*',
        });
      }
      rows.forEach((row, i) => {
        if (!outcomes[i]!.allowed || visible.length > first) return;
        const node = storedPatientToPatient(row, row.identifiers);
        context.patients.prime(row.id, node);
        visible.push(node);
        cursorOf.set(node, { searchName: row.searchName, id: row.id });
      });
      const last = rows.at(-1);
      if (last) cursor = { searchName: last.searchName, id: last.id };
    }
    const page = visible.slice(0, first);
    const edges = page.map((node) => ({ cursor: encodePatientCursor(cursorOf.get(node)!), node }));
    if (visible.length <= first && !exhausted && cursor) {
      // Scan budget spent before the page filled: more candidates remain after `cursor`.
      return { edges, pageInfo: { hasNextPage: true, endCursor: encodePatientCursor(cursor) } };
    }
    return {
      edges,
      pageInfo: { hasNextPage: visible.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }
}

/** The ordering position of each listed patient, for its edge cursor. */
const cursorOf = new WeakMap<Patient, { searchName: string; id: string }>();
