// The rest of a week in the fictional trust: patient input actions (a few per ward a month, some with the
// loop closed), the week's broadcast reminder (synthetic-broadcasts.ts), and the audit entries those acts
// leave. Pure: records only.
import type { Action, ActionType, Depth } from '../src/domain/actions.js';
import type { AuditEntry } from '../src/domain/audit.js';
import type { PrincipleId } from '../src/domain/catalogue.js';
import type { Cycle } from '../src/domain/checkins.js';
import { addDays, atLocalTime, localDateOf } from '../src/domain/cycles.js';
import type { Random } from './random.js';
import { broadcastOf, type Sent } from './synthetic-broadcasts.js';
import { aadOf, membersOf, unitIdOf, UNITS } from './synthetic-org.js';

export type { Sent };
export type Activity = { actions: Action[]; broadcast?: Sent; audit: AuditEntry[] };

type Template = { type: ActionType; depth: Depth; principles: PrincipleId[]; title: string; heard?: string };

const TEMPLATES: Template[] = [
  {
    type: 'survey',
    depth: 'consult',
    principles: ['p2', 'p5'],
    title: 'Discharge experience survey',
    heard: 'People wanted clearer information about medicines to take home.',
  },
  {
    type: 'focus-group',
    depth: 'involve',
    principles: ['p2', 'p3'],
    title: 'Carers focus group on visiting',
    heard: 'Carers asked for a regular time for updates.',
  },
  {
    type: 'codesign-workshop',
    depth: 'co-design',
    principles: ['p1', 'p3'],
    title: 'Co-design workshop on bedside handover',
    heard: 'Patients asked to join handover conversations.',
  },
  {
    type: 'patient-panel',
    depth: 'involve',
    principles: ['p1', 'p2'],
    title: 'Patient panel review of the welcome leaflet',
  },
  {
    type: 'board-story',
    depth: 'inform',
    principles: ['p1', 'p5'],
    title: 'Patient story at the divisional board',
  },
  {
    type: 'community-outreach',
    depth: 'involve',
    principles: ['p4'],
    title: 'Outreach session at a community centre',
    heard: 'Some people found the journey to us difficult.',
  },
];

export function buildActivity(
  staff: number,
  week: { index: number; cycle: Cycle; answered: ReadonlySet<string> },
  now: Date,
  timeZone: string,
  random: Random,
): Activity {
  const { cycle } = week;
  const today = localDateOf(now, timeZone);
  const actions: Action[] = [];
  for (let unit = 0; unit < UNITS; unit++) {
    // About three a ward a month.
    const count = random.chance(0.55) ? (random.chance(0.25) ? 2 : 1) : 0;
    for (let k = 0; k < count; k++) {
      const date = addDays(cycle.openingDay, random.int(0, 4));
      const createdAt = atLocalTime(date, `1${random.int(2, 6)}:${random.int(10, 59)}`, timeZone);
      if (date > today || createdAt > now) continue;
      const members = membersOf(unit, staff);
      actions.push(
        actionOf(
          random.pick(TEMPLATES),
          `bench-${cycle.id}-${unit}-${k}`,
          unit,
          random.pick(members),
          date,
          createdAt.toISOString(),
          today,
          random,
        ),
      );
    }
  }
  const audit = actions.map((action) =>
    entry(`log-${action.id}`, action.createdAt, action.owner, 'action.log', [action.id]),
  );
  const broadcast = broadcastOf(staff, week, now, random);
  if (broadcast)
    audit.push(
      entry(
        `send-${broadcast.broadcast.id}`,
        broadcast.broadcast.createdAt,
        broadcast.broadcast.sender,
        'broadcast.send',
        [broadcast.broadcast.id],
      ),
    );
  return { actions, audit, ...(broadcast ? { broadcast } : {}) };
}

const entry = (id: string, at: string, actor: string, action: string, targets: string[]): AuditEntry => ({
  id,
  at,
  actor,
  action,
  targets,
  outcome: 'done',
});

function actionOf(
  template: Template,
  suffix: string,
  unit: number,
  owner: number,
  date: string,
  createdAt: string,
  today: string,
  random: Random,
): Action {
  const followUpOn = template.heard ? addDays(date, 28) : undefined;
  const told = followUpOn !== undefined && addDays(date, 14) <= today && random.chance(0.6);
  return {
    id: `${createdAt.slice(0, 7)}-${suffix}`,
    unitId: unitIdOf(unit),
    owner: aadOf(owner),
    type: template.type,
    title: template.title,
    date,
    principles: template.principles,
    participants: { patients: random.int(1, 20), carers: random.int(0, 6), public: random.int(0, 4) },
    depth: template.depth,
    ...(template.heard ? { whatWeHeard: template.heard } : {}),
    ...(followUpOn && !told ? { followUpOn } : {}),
    ...(followUpOn && !told && followUpOn <= today ? { followUpAskedFor: followUpOn } : {}),
    shareable: random.chance(0.5),
    noPatientConfirmed: true,
    version: told ? 2 : 1,
    createdAt,
    updatedAt: createdAt,
    ...(told
      ? {
          details: {
            tags: [],
            adjustments: [],
            feedback: { givenOn: addDays(date, 14), method: 'meeting' as const },
          },
        }
      : {}),
  };
}
