import type { LabResult, Person, PersonEncounter, PopulationOptions } from '../population';
import { Random } from '../random';
import type { EmittedFile } from './emitted-file';
import { evn, msh, obx, orcObr, orderCode, pid, pv1, pv2, type VisitStaff } from './hl7v2-segments';

const MINUTE = 60_000;
const SURNAMES = ['Okafor', 'Lindqvist', 'Moreau', 'Tanaka', 'Reyes', 'Novak', 'Haddad', 'Walsh'];
const GIVEN = ['Amara', 'Erik', 'Claire', 'Kenji', 'Lucia', 'Pavel', 'Samir', 'Nora'];

interface TimedMessage {
  at: Date;
  /** Tie-break for messages at the same instant: emission order. */
  order: number;
  /** MSH-9: type, trigger, structure. */
  type: [string, string, string];
  /** The segments after MSH. */
  segments: string[];
}

function staffFor(random: Random): VisitStaff {
  return {
    attending: [`1${random.digits(9)}`, random.pick(SURNAMES), random.pick(GIVEN)],
    bed: String(random.int(1, 40)).padStart(2, '0'),
  };
}

/** Lab results grouped as the lab reports them: one ORU^R01 per panel, one per lone test. */
function ordersOf(labs: LabResult[]): LabResult[][] {
  const groups = new Map<string, LabResult[]>();
  for (const lab of labs) {
    const key = lab.panel ?? `single:${lab.id}`;
    groups.set(key, [...(groups.get(key) ?? []), lab]);
  }
  return [...groups.values()];
}

/**
 * A person's hospital visits (encounters from source 'ehr-hl7v2') as the hospital's
 * HL7 v2.5.1 feed sends them: ADT^A01 (inpatient) or ADT^A04 (emergency) on
 * arrival, now and then an ADT^A08 update, one ORU^R01 per lab order (OBR with
 * NM/CWE OBX results, units, ranges, flags), ADT^A03 on discharge. One file per
 * person, messages in time order, segments separated by CR and messages by a
 * newline. Deterministic: control ids and every draw come from (seed, person).
 */
export function emitHl7v2Messages(person: Person, options: PopulationOptions): EmittedFile[] {
  const visits = person.encounters.filter((e) => e.source === 'ehr-hl7v2');
  if (visits.length === 0) return [];
  const random = new Random(options.seed, 'hl7v2', person.index);
  const messages: TimedMessage[] = [];
  const add = (at: Date, type: TimedMessage['type'], segments: string[]) =>
    messages.push({ at, order: messages.length, type, segments });

  visits.forEach((visit, visitIndex) => {
    const staff = staffFor(random.fork(`staff:${visitIndex}`));
    const start = new Date(visit.start);
    const end = new Date(visit.end);
    const arrival = visit.kind === 'inpatient' ? 'A01' : 'A04';
    add(start, ['ADT', arrival, 'ADT_A01'], adt(arrival, start, person, visit, staff, false));
    if (random.chance(0.3)) {
      const updated = new Date(start.getTime() + random.int(20, 60) * MINUTE);
      add(updated, ['ADT', 'A08', 'ADT_A01'], adt('A08', updated, person, visit, staff, false));
    }
    ordersOf(visit.labs).forEach((results, orderIndex) => {
      const first = results[0]!;
      const effective = new Date(first.effective);
      const reported = new Date(effective.getTime() + 10 * MINUTE);
      const collected = new Date(effective.getTime() - 45 * MINUTE);
      const orderNumber = `${visit.visitNumber?.slice(1)}${orderIndex + 1}`;
      add(
        reported,
        ['ORU', 'R01', 'ORU_R01'],
        [
          pid(person),
          pv1(visit, staff, false),
          ...orcObr(
            `P${orderNumber}`,
            `F${orderNumber}`,
            orderCode(first.panel, first.key),
            collected,
            reported,
            staff,
          ),
          ...results.map((result, i) => obx(i + 1, result)),
        ],
      );
    });
    add(end, ['ADT', 'A03', 'ADT_A03'], adt('A03', end, person, visit, staff, true));
  });

  messages.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  const prefix = `RVL${String(person.index).padStart(7, '0')}`;
  const text = messages
    .map((message, index) => {
      const controlId = `${prefix}-${String(index + 1).padStart(4, '0')}`;
      return [msh({ type: message.type, controlId, at: message.at }), ...message.segments].join(
        '\r',
      );
    })
    .join('\n');
  return [{ path: `${person.key}.hl7`, content: `${text}\n` }];
}

/** An ADT message's segments after MSH. */
function adt(
  event: 'A01' | 'A03' | 'A04' | 'A08',
  at: Date,
  person: Person,
  visit: PersonEncounter,
  staff: VisitStaff,
  discharged: boolean,
): string[] {
  return [
    evn(event, at),
    pid(person),
    pv1(visit, staff, discharged),
    ...[pv2(visit)].filter((s): s is string => s !== null),
  ];
}
