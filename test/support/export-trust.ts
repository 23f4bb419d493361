// A trust for the export tests, on the bot's test dependencies: the organisation unit Northshire Trust holds
// Ward 7 (six staff; Priya manages it) and Ward 9 (four staff). Lee is a partnership lead, Ada an admin.
// One week of check-ins, week 48 of 2026: five on Ward 7 answer the pulse and all four on Ward 9, under the
// threshold of 5. The clock then stands after the week closed, in quarter 3 of 2026 to 2027.
import type { Unit } from '../../src/domain/units.js';
import { samplePerson, TENANT, testDeps } from './bot-deps.js';

export const ORG = 'org-northshire';
export const WARD_7 = '19:ward-7@thread.tacv2';
export const WARD_9 = '19:ward-9@thread.tacv2';
export const PRIYA = { id: '29:priya', name: 'Priya Shah', aadObjectId: 'aad-priya' };
export const LEE = { id: '29:lee', name: 'Lee Lead', aadObjectId: 'aad-lee' };
export const ADA = { id: '29:ada', name: 'Ada Admin', aadObjectId: 'aad-ada' };
export const SAM = { id: '29:sam', name: 'Sam Staff', aadObjectId: 'aad-w7-1' };
const WARD_7_STAFF = ['aad-w7-1', 'aad-w7-2', 'aad-w7-3', 'aad-w7-4', 'aad-w7-5', 'aad-w7-6'];
const WARD_9_STAFF = ['aad-w9-1', 'aad-w9-2', 'aad-w9-3', 'aad-w9-4'];
/** Yes to every principle but the second, where it is no; "not applicable" to none. */
export const ANSWERS = { p1: 'yes', p2: 'no', p3: 'yes', p4: 'yes', p5: 'yes', p6: 'yes' };

const unit = (id: string, name: string, rest: Partial<Unit> = {}): Unit => ({
  id,
  name,
  level: 'unit',
  tracked: true,
  createdAt: '2026-10-01T00:00:00.000Z',
  createdBy: 'aad-lee',
  ...rest,
});

export async function exportTrust() {
  let now = Date.parse('2026-11-23T09:00:00Z');
  const built = testDeps({ clock: () => new Date(now), bootstrapAdmins: [ADA.aadObjectId] });
  const { store, deps } = built;
  for (const who of [PRIYA, LEE, ADA])
    await store.savePerson(
      samplePerson({ aadObjectId: who.aadObjectId, teamsUserId: who.id, name: who.name }),
    );
  for (const [id, name, staff] of [
    [WARD_7, 'Ward 7', WARD_7_STAFF],
    [WARD_9, 'Ward 9', WARD_9_STAFF],
  ] as const) {
    for (const [i, aadObjectId] of staff.entries())
      await store.savePerson(
        samplePerson({ aadObjectId, teamsUserId: `29:${aadObjectId}`, name: `${name} person ${i + 1}` }),
      );
    await store.saveTeam({
      id,
      name,
      tenantId: TENANT,
      serviceUrl: 'https://smba.example.test/emea/',
      state: 'active',
      channels: [],
      members: Object.fromEntries(staff.map((member) => [member, { addedAt: '2026-10-01T00:00:00Z' }])),
      installed: true,
    });
    await store.saveUnit(unit(id, name, { teamId: id, parentId: ORG }));
  }
  await store.saveUnit(unit(ORG, 'Northshire Trust', { level: 'organisation' }));
  await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [WARD_7] });
  await store.saveRoles(LEE.aadObjectId, { admin: false, lead: true, managerOf: [] });

  const cycle = await deps.checkinCycles.openDue();
  if (!cycle) throw new Error('export-trust: the cycle did not open');
  for (const aadObjectId of [...WARD_7_STAFF.slice(0, 5), ...WARD_9_STAFF]) {
    const outcome = await deps.checkins.submitPulse(aadObjectId, { cycleId: cycle.id, inputs: ANSWERS });
    if (outcome.kind !== 'saved') throw new Error(`export-trust: pulse not saved: ${outcome.kind}`);
  }
  now = Date.parse('2026-11-30T10:00:00Z');
  return {
    ...built,
    cycle,
    at: (iso: string) => (now = Date.parse(iso)),
    now: () => new Date(now),
  };
}
