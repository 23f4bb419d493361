// Erasing a person through the services, on the lowdb store (real files): every aggregate the product shows is
// the same before and after (unit and organisation digests for every week, response rates, action counts and
// computed measures, broadcast reports), and afterwards neither the person's id (outside the audit log, which
// is never changed) nor their name nor their comments are in any file of the data directory.
import { describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Action } from '../../src/domain/actions.js';
import type { Delivery } from '../../src/domain/delivery.js';
import type { PulseChoice } from '../../src/domain/answers.js';
import { createServices, type Services } from '../../src/services/index.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';
import type { Store } from '../../src/store/store.js';
import { checkinOptions } from '../support/checkin-options.js';
import { person, TENANT } from '../support/checkin-trust.js';
import { useCleanup } from '../store/temp-dir.js';

const cleanup = useCleanup();

const SAM = '5d0c7a52-3b8e-4c55-9d2f-6a1e0b9c4f17';
const SAM_NAME = 'Samira Okonkwo';
const SAM_COMMENT = 'Our patient panel reviewed the discharge leaflet.';
const ORG = 'org-northshire';
const WARDS = ['ward-7', 'ward-9'] as const;
const CYCLES = [
  { id: '2026-W46', openingDay: '2026-11-09' },
  { id: '2026-W47', openingDay: '2026-11-16' },
  { id: '2026-W48', openingDay: '2026-11-23' },
];
const NOW = new Date('2026-11-30T10:00:00Z');
const LEAD = { aadObjectId: 'lead', roles: { admin: false, lead: true, managerOf: [] } };

/** Six staff a ward: Samira is the first of Ward 7's, and owns its measures. */
const staffOf = (ward: string) =>
  Array.from({ length: 6 }, (_, i) => (ward === 'ward-7' && i === 0 ? SAM : `${ward}-staff-${i}`));
const everyone = WARDS.flatMap(staffOf);
const choice = (n: number): PulseChoice => (['yes', 'no', 'yes', 'notApplicable'] as const)[n % 4]!;

async function trust(store: Store) {
  for (const id of [...everyone, 'lead', 'manager-7'])
    await store.savePerson(person(id, id === SAM ? { name: SAM_NAME, tenantId: TENANT } : {}));
  await store.saveConversation({
    conversationId: 'a:samira',
    scope: 'personal',
    serviceUrl: 'https://smba.example.test/',
    tenantId: TENANT,
    botId: 'bot',
    aadObjectId: SAM,
    installed: true,
  });
  const unit = (id: string, name: string, level: 'unit' | 'organisation', owner?: string) =>
    store.saveUnit({
      id,
      name,
      level,
      ...(level === 'unit' ? { parentId: ORG, teamId: id } : {}),
      tracked: true,
      createdAt: '2026-10-01T00:00:00.000Z',
      createdBy: SAM,
      ...(owner ? { checkins: { principles: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'], owner } } : {}),
    });
  await unit(ORG, 'Northshire', 'organisation');
  await unit('ward-7', 'Ward 7', 'unit', SAM);
  await unit('ward-9', 'Ward 9', 'unit', 'ward-9-staff-0');
  for (const ward of WARDS)
    await store.saveTeam({
      id: ward,
      name: ward,
      tenantId: TENANT,
      serviceUrl: 'https://smba.example.test/',
      state: 'active',
      channels: [],
      members: Object.fromEntries(staffOf(ward).map((id) => [id, { addedAt: '2026-10-01T00:00:00Z' }])),
      installed: true,
      installedBy: SAM,
    });
  await store.saveRoles('lead', { admin: false, lead: true, managerOf: [] });
  await store.saveRoles('manager-7', { admin: false, lead: false, managerOf: ['ward-7'] });
  await store.saveRoles(SAM, { admin: false, lead: true, managerOf: ['ward-9'] });
  await store.appendAudit({
    id: 'earlier',
    at: '2026-11-01T09:00:00.000Z',
    actor: 'admin',
    action: 'roles.change',
    targets: [SAM, 'ward-9'],
    outcome: 'done',
  });
}

async function weeks(store: Store) {
  for (const [index, { id, openingDay }] of CYCLES.entries()) {
    await store.createCycle({
      id,
      openingDay,
      opensAt: `${openingDay}T09:00:00.000Z`,
      nudgeAt: `${openingDay}T12:00:00.000Z`,
      closesAt: `${openingDay}T23:00:00.000Z`,
      closedAt: `${openingDay}T23:00:00.000Z`,
      openedBy: index === 0 ? SAM : 'schedule',
      expected: Object.fromEntries(WARDS.flatMap((ward) => staffOf(ward).map((p) => [p, ward]))),
      measures: {
        'ward-7': { owners: [SAM], measureIds: ['p1-papers-parity', 'p5-fft-responses'] },
        'ward-9': { owners: ['ward-9-staff-0'], measureIds: ['p1-papers-parity'] },
      },
    });
    for (const ward of WARDS)
      for (const [n, aadObjectId] of staffOf(ward).entries()) {
        if (n === 5 && index === 1) continue;
        await store.savePulse(id, {
          aadObjectId,
          unitId: ward,
          choices: {
            p1: choice(n + index),
            p2: choice(n),
            p3: 'yes',
            p4: choice(n + 1),
            p5: 'yes',
            p6: 'no',
          },
          ...(aadObjectId === SAM ? { comment: SAM_COMMENT } : {}),
          version: 1,
          answeredAt: `${openingDay}T10:00:00.000Z`,
        });
        if (aadObjectId === SAM)
          await store.addCardCopy(id, ward, {
            aadObjectId,
            card: 'pulse',
            conversationId: 'a:samira',
            activityId: `act-${index}`,
          });
      }
    const answer = (measureId: string, value: object, answeredBy: string, unitId: string) => ({
      measureId,
      unitId,
      cycleId: id,
      openingDay,
      value,
      answeredBy,
      answeredAt: `${openingDay}T11:00:00.000Z`,
      version: 1,
    });
    await store.saveMeasureAnswers(id, 'ward-7', [
      answer('p1-papers-parity', { scale: 'yesNo', answer: index === 1 ? 'no' : 'yes' }, SAM, 'ward-7'),
      answer('p5-fft-responses', { scale: 'count', count: 40 + index }, SAM, 'ward-7'),
    ] as never);
    await store.saveMeasureAnswers(id, 'ward-9', [
      answer('p1-papers-parity', { scale: 'yesNo', answer: 'yes' }, 'ward-9-staff-0', 'ward-9'),
    ] as never);
  }
}

async function actions(store: Store) {
  const action = (id: string, owner: string, unitId: string, change: Partial<Action> = {}): Action => ({
    id,
    unitId,
    owner,
    type: 'focus-group',
    title: 'Discharge letters focus group',
    date: '2026-11-18',
    principles: ['p1', 'p5'],
    participants: { patients: 9, carers: 2, public: 0 },
    depth: 'involve',
    whatWeDid: 'Letters now go out on the day of discharge.',
    shareable: true,
    noPatientConfirmed: true,
    version: 1,
    createdAt: '2026-11-18T14:00:00.000Z',
    updatedAt: '2026-11-18T14:00:00.000Z',
    ...change,
  });
  await store.saveAction(action('2026-11-s1', SAM, 'ward-7', { followUpOn: '2026-11-25' }));
  await store.saveAction(
    action('2026-11-s2', SAM, 'ward-7', {
      date: '2026-08-10',
      details: {
        tags: ['transition'],
        adjustments: [],
        reach: { monitoring: 'selfReported', core20plus: 4, plus: {}, characteristics: {} },
        feedback: { givenOn: '2026-09-01' },
      },
    }),
  );
  await store.saveAction(action('2026-11-s3', SAM, 'ward-7', { deletedAt: '2026-11-20T09:00:00.000Z' }));
  await store.saveAction(action('2026-11-o1', 'ward-7-staff-2', 'ward-7', { date: '2026-11-24' }));
  await store.saveAction(action('2026-10-o2', 'ward-9-staff-1', 'ward-9', { date: '2026-07-01' }));
}

async function broadcasts(store: Store) {
  const sent = (id: string, sender: string) =>
    store.saveBroadcast({
      id,
      title: 'Pulse closes on Sunday',
      message: 'One minute, six questions.',
      audience: { kind: 'everyone' },
      sender,
      senderRole: 'lead',
      state: 'sending',
      createdAt: '2026-11-23T09:00:00.000Z',
      sentAt: '2026-11-23T09:00:01.000Z',
      counts: { recipients: everyone.length, unreachable: [] },
    });
  for (const [id, sender] of [
    ['b-lead', 'lead'],
    ['b-samira', SAM],
  ] as const) {
    await sent(id, sender);
    const deliveries: Delivery[] = everyone.map((aadObjectId, n) => ({
      id: `person:${aadObjectId}`,
      batchId: `broadcast:${id}`,
      kind: 'broadcast',
      recipient: { kind: 'person', aadObjectId },
      content: { card: 'broadcast', data: { broadcastId: id } },
      respectsQuietHours: true,
      notBefore: '2026-11-23T09:00:01.000Z',
      attempts: 1,
      state: n % 5 === 4 ? 'blocked' : 'delivered',
      possiblyDuplicated: false,
      createdAt: '2026-11-23T09:00:01.000Z',
      updatedAt: '2026-11-23T09:05:00.000Z',
    }));
    await store.enqueueDeliveries(deliveries);
    for (const aadObjectId of everyone.filter((_, n) => n % 3 === 0)) {
      await store.acknowledge(id, aadObjectId, '2026-11-23T10:00:00.000Z');
      await store.recordRead(id, aadObjectId, '2026-11-23T10:00:00.000Z');
    }
  }
}

/** Everything the product shows in numbers, read through the services. */
async function aggregates(services: Services) {
  const shown: Record<string, unknown> = {};
  for (const { id, openingDay } of CYCLES) {
    for (const ward of WARDS)
      for (const audience of ['manager', 'channel'] as const) {
        const found = await services.summaries.digestOf(ward, id, audience);
        shown[`digest ${ward} ${id} ${audience}`] = found?.digest;
      }
    shown[`organisation ${id}`] = (await services.summaries.organisationDigestOf(id))?.digest;
    shown[`organisation ${id} ${ORG}`] = (await services.summaries.organisationDigestOf(id, ORG))?.digest;
    for (const ward of WARDS)
      shown[`computed ${ward} ${openingDay}`] = await services.actions.computedMeasures(ward, openingDay);
  }
  for (const id of ['b-lead', 'b-samira']) shown[`report ${id}`] = await services.broadcasts.report(LEAD, id);
  return shown;
}

async function filesOf(dir: string, prefix = ''): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = join(prefix, entry.name);
    if (entry.isDirectory()) found.push(...(await filesOf(dir, path)));
    else found.push([path, await readFile(join(dir, path), 'utf8')]);
  }
  return found;
}

describe('erasing a person', () => {
  it('changes no aggregate the product shows, and leaves their id, name and comments in no data file', async () => {
    const dataDir = await cleanup.tempDir();
    const store = await openLowdbStore({ dataDir, lock: { waitMs: 0 } });
    cleanup.defer(() => store.close());
    let id = 0;
    const services = createServices({
      ...checkinOptions,
      store,
      clock: () => NOW,
      newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
      bootstrapAdmins: ['admin'],
      allowedTenantIds: [TENANT],
    });
    await trust(store);
    await weeks(store);
    await actions(store);
    await broadcasts(store);

    const before = await aggregates(services);
    // The test can fail: Samira's answers and acknowledgements are in the numbers.
    const ward7 = before['digest ward-7 2026-W48 manager'] as { responseRate: { answered: number } };
    expect(ward7.responseRate.answered).toBe(6);
    expect(before['report b-samira']).toMatchObject({ report: { acknowledged: 4, delivered: 10 } });
    expect(JSON.stringify(before)).toContain(SAM);
    expect((await filesOf(dataDir)).some(([, text]) => text.includes(SAM_COMMENT))).toBe(true);

    const outcome = await services.erasure.erase('admin', SAM);
    expect(outcome).toMatchObject({
      kind: 'erased',
      counts: { person: 1, pulses: 3, comments: 3, actions: 3 },
    });
    const [entry] = await store.auditEntries({ limit: 1 });
    const pseudonym = entry!.targets[0]!;
    expect(entry).toMatchObject({ actor: 'admin', action: 'person.erase', targets: [pseudonym] });
    expect(pseudonym).toMatch(/^erased-/);

    const after = await aggregates(services);
    expect(JSON.stringify(after)).not.toContain(SAM);
    // Where a digest names the owner of a measure, it names the pseudonym now: the same person, unnamed.
    expect(JSON.parse(JSON.stringify(after).replaceAll(pseudonym, SAM))).toEqual(
      JSON.parse(JSON.stringify(before)),
    );

    const files = await filesOf(dataDir);
    expect(files.filter(([, text]) => text.includes(SAM)).map(([path]) => path)).toEqual([
      'audit/2026-11.json',
    ]);
    expect(files.filter(([, text]) => text.includes(SAM_NAME) || text.includes('Samira'))).toEqual([]);
    expect(files.filter(([, text]) => text.includes(SAM_COMMENT))).toEqual([]);
    // The audit file holds her id only where entries from before name her: the erasure's own names nobody.
    expect(JSON.stringify(entry)).not.toContain(SAM);
    // Real files and every reader the product has: seconds, not milliseconds, on a busy machine.
  }, 30_000);
});
