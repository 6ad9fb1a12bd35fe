import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { BadUserInputError } from '../../shared/errors';
import type { IdentityContext } from '../context';
import { storedPatientToPatient } from '../mappers/stored-patient-to-patient';
import { normaliseName } from '../mappers/search-name';
import { decodePatientCursor, encodePatientCursor } from './patient-cursor';
import { PatientConnection } from './patient-connection.type';
import { Patient } from './patient.type';

const MAX_PAGE_SIZE = 100;

@Resolver(() => Patient)
export class PatientResolver {
  @Query(() => Patient, { nullable: true, description: 'One patient by global id' })
  async patient(
    @Arg('id', () => ID) id: string,
    @Ctx() context: IdentityContext,
  ): Promise<Patient | null> {
    return context.patients.load(id);
  }

  @Query(() => PatientConnection, {
    description:
      'Patients ordered by name; `name` matches every word given, `birthDate` a date or its prefix',
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
    const words = name ? normaliseName(name).split(' ').filter(Boolean) : [];
    const filter = {
      mergedIntoId: null,
      AND: words.map((word) => ({ searchName: { contains: word } })),
      ...(birthDate ? { birthDate: { startsWith: birthDate } } : {}),
    };
    const cursor = after ? decodePatientCursor(after) : null;
    const where = cursor
      ? {
          ...filter,
          OR: [
            { searchName: { gt: cursor.searchName } },
            { searchName: cursor.searchName, id: { gt: cursor.id } },
          ],
        }
      : filter;
    const [rows, totalCount] = await Promise.all([
      context.store.patient.findMany({
        where,
        orderBy: [{ searchName: 'asc' }, { id: 'asc' }],
        take: first + 1,
        include: { identifiers: { orderBy: { createdAt: 'asc' } } },
      }),
      context.store.patient.count({ where: filter }),
    ]);
    const page = rows.slice(0, first);
    const edges = page.map((row) => {
      const node = storedPatientToPatient(row, row.identifiers);
      context.patients.prime(row.id, node);
      return { cursor: encodePatientCursor(row), node };
    });
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount,
    };
  }
}
