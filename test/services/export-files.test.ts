// Exports through the real services on the in-memory store: each kind's data made as the person, with the
// threshold rules as digests apply them, managers limited to their own units, the audit log for admins only,
// and every refusal and every file audited.
import { describe, expect, it } from '@jest/globals';
import type { AuditEntry } from '../../src/domain/audit.js';
import { quarterPeriod } from '../../src/domain/export-periods.js';
import type { ResultRecord } from '../../src/domain/export-rows.js';
import { createExportFiles, type ExportFile } from '../../src/services/export-files.js';
import { ADA, exportTrust, LEE, ORG, PRIYA, SAM, WARD_7, WARD_9 } from '../support/export-trust.js';

const QUARTER = quarterPeriod('FY2026-Q3')!;

async function trust() {
  const built = await exportTrust();
  const files = createExportFiles({ ...built.deps, timeZone: built.deps.settings.timeZone });
  const make = async (who: { aadObjectId: string }, kind: ExportFile['kind'], unitIds: string[] = []) =>
    files.make(who.aadObjectId, { kind, unitIds, period: QUARTER });
  const audited = async (): Promise<AuditEntry[]> => built.store.auditEntries({ limit: 100 });
  return { ...built, files, make, audited };
}

const fileOf = <K extends ExportFile['kind']>(
  outcome: unknown,
  kind: K,
): Extract<ExportFile, { kind: K }> => {
  const made = outcome as { kind: string; file?: ExportFile };
  if (made.kind !== 'file' || made.file?.kind !== kind) throw new Error(`no ${kind} file: ${made.kind}`);
  return made.file as Extract<ExportFile, { kind: K }>;
};

const pulses = (records: ResultRecord[], unitId: string) =>
  records.filter((record) => record.unitId === unitId && record.section === 'pulse');

describe('results', () => {
  it('show numbers for a unit whose answers reach k, and none for a unit with 4 answers', async () => {
    const { make } = await trust();
    const file = fileOf(await make(LEE, 'results', [WARD_7, WARD_9]), 'results');
    expect(file.units.map((unit) => unit.name)).toEqual(['Ward 7', 'Ward 9']);
    const ward7 = pulses(file.records, WARD_7);
    expect(ward7).toHaveLength(6);
    expect(ward7.find((r) => r.section === 'pulse' && r.principle === 'p1')).toMatchObject({
      cycleId: '2026-W48',
      pulse: { shown: true, applied: 5, yes: 5, no: 0, percent: 100 },
    });
    const ward9 = pulses(file.records, WARD_9);
    expect(ward9).toHaveLength(6);
    for (const record of ward9) expect(record).toMatchObject({ pulse: { shown: false, reason: 'tooFew' } });
    expect(JSON.stringify(ward9)).not.toMatch(/"(yes|no|applied|percent)":/);
    const responses = file.records.filter((r) => r.section === 'responses');
    expect(responses).toEqual([
      expect.objectContaining({ unitId: WARD_7, answered: 5, expected: 6 }),
      expect.objectContaining({ unitId: WARD_9, answered: 4, expected: 4 }),
    ]);
  });

  it('pool an organisation’s small units as its digest does: left out while they hold fewer than k', async () => {
    const { make, deps, cycle } = await trust();
    const file = fileOf(await make(LEE, 'results', [ORG]), 'results');
    const p1 = pulses(file.records, ORG).find((r) => r.section === 'pulse' && r.principle === 'p1');
    // Ward 9's four are under k on their own and with nobody else to pool: Ward 7's five alone are shown.
    expect(p1).toMatchObject({ pulse: { shown: true, applied: 5, yes: 5 }, leftOut: true });
    const digest = (await deps.summaries.organisationDigestOf(cycle.id, ORG))!.digest;
    const tile = digest.principles.find((t) => t.principle === 'p1')!;
    expect(p1).toMatchObject({ pulse: { percent: tile.pulse.shown ? tile.pulse.percent : -1 } });
  });

  it('give managers their own units when none are chosen, and refuse (and audit) anyone else’s', async () => {
    const { make, audited } = await trust();
    const own = fileOf(await make(PRIYA, 'results'), 'results');
    expect(own.units.map((unit) => unit.id)).toEqual([WARD_7]);
    expect(new Set(own.records.map((record) => record.unitId))).toEqual(new Set([WARD_7]));
    for (const crafted of [[WARD_9], [WARD_7, ORG], ['made-up-unit']]) {
      expect(await make(PRIYA, 'results', crafted)).toEqual({
        kind: 'refused',
        refusal: { kind: 'exportUnit', unitId: crafted.at(-1) },
      });
    }
    const refusals = (await audited()).filter((e) => e.outcome === 'refused');
    expect(refusals.map((e) => [e.actor, e.action, e.targets])).toEqual([
      [PRIYA.aadObjectId, 'exportUnit', ['made-up-unit']],
      [PRIYA.aadObjectId, 'exportUnit', [ORG]],
      [PRIYA.aadObjectId, 'exportUnit', [WARD_9]],
    ]);
  });

  it('answer a made-up unit for a lead as unknown, and staff with a refusal', async () => {
    const { make } = await trust();
    expect(await make(LEE, 'results', ['made-up-unit'])).toEqual({
      kind: 'unknownUnits',
      unitIds: ['made-up-unit'],
    });
    expect(await make(SAM, 'results')).toEqual({ kind: 'refused', refusal: { kind: 'exportUnit' } });
  });
});

describe('the other kinds', () => {
  it('keeps the audit log to admins: refused to a lead (and audited), made for an admin', async () => {
    const { make, audited } = await trust();
    expect(await make(LEE, 'audit')).toEqual({ kind: 'refused', refusal: { kind: 'seeAudit' } });
    expect((await audited())[0]).toMatchObject({
      actor: LEE.aadObjectId,
      action: 'seeAudit',
      outcome: 'refused',
    });
    const file = fileOf(await make(ADA, 'audit'), 'audit');
    const refusal = file.records.find((record) => record.action === 'seeAudit');
    expect(refusal).toMatchObject({ actor: LEE.aadObjectId, actorName: 'Lee Lead', outcome: 'refused' });
  });

  it('exports actions of the units chosen, texts only for those marked OK to share', async () => {
    const { make, deps } = await trust();
    const entry = (title: string, shareable: boolean) => ({
      type: 'focus-group',
      title,
      date: '2026-11-20',
      principles: 'p5',
      patients: '3',
      depth: 'involve',
      whatWeDid: 'Changed the signs',
      noPatient: 'true',
      ...(shareable ? { shareable: 'true' } : {}),
    });
    for (const [title, shareable] of [
      ['Shared workshop', true],
      ['Private workshop', false],
    ] as const)
      expect((await deps.actions.log(SAM.aadObjectId, entry(title, shareable), WARD_7)).kind).toBe('saved');
    const file = fileOf(await make(PRIYA, 'actions'), 'actions');
    expect(file.records.map((r) => [r.shareable, r.texts?.title, r.patients])).toEqual([
      [true, 'Shared workshop', 'fewerThan8'],
      [false, undefined, 'fewerThan8'],
    ]);
    expect(JSON.stringify(file)).not.toContain('Private workshop');
  });

  it('exports reminders as counts, and a board pack for the organisation unit', async () => {
    const { make, deps } = await trust();
    const sent = await deps.broadcasts.send(
      { aadObjectId: LEE.aadObjectId, roles: await deps.access.rolesOf(LEE.aadObjectId) },
      { title: 'Check-in closes Sunday', message: 'One minute.', audience: { kind: 'everyone' } },
    );
    if (sent.kind !== 'sent') throw new Error(`not sent: ${sent.kind}`);
    const reminders = fileOf(await make(LEE, 'broadcasts'), 'broadcasts');
    expect(reminders.records).toEqual([
      expect.objectContaining({
        id: sent.broadcast.id,
        senderRole: 'lead',
        audience: 'everyone',
        counts: expect.objectContaining({ total: sent.recipients, pending: sent.recipients, delivered: 0 }),
      }),
    ]);
    expect(JSON.stringify(reminders.records)).not.toContain(LEE.aadObjectId);
    // A manager's export holds only the reminders they sent.
    expect(fileOf(await make(PRIYA, 'broadcasts'), 'broadcasts').records).toEqual([]);
    expect(await make(PRIYA, 'boardPack')).toEqual({ kind: 'refused', refusal: { kind: 'boardPack' } });
    const pack = fileOf(await make(LEE, 'boardPack'), 'boardPack');
    expect(pack.packs).toHaveLength(1);
    expect(pack.packs[0]).toMatchObject({
      organisation: { id: ORG },
      week: { cycleId: '2026-W48' },
      responseRate: { answered: 9, expected: 10 },
    });
  });
});

describe('the board pack’s week', () => {
  it('uses the week still open only when none in the period has finished, and says so', async () => {
    const { make, at } = await trust();
    at('2026-11-25T12:00:00Z');
    const pack = fileOf(await make(LEE, 'boardPack', [ORG]), 'boardPack').packs[0]!;
    expect(pack.week).toMatchObject({ cycleId: '2026-W48', preview: true });
    at('2026-11-30T10:00:00Z');
    const after = fileOf(await make(LEE, 'boardPack', [ORG]), 'boardPack').packs[0]!;
    expect(after.week).toMatchObject({ cycleId: '2026-W48', preview: false });
  });
});

describe('auditing', () => {
  it('records each file with its units and period, and nothing for a check at Continue', async () => {
    const { files, make, audited } = await trust();
    const before = (await audited()).length;
    const request = await files.request(PRIYA.aadObjectId, { kind: 'results', unitIds: [], period: QUARTER });
    expect(request).toEqual({ kind: 'results', unitIds: [WARD_7], period: QUARTER });
    expect((await audited()).length).toBe(before);
    await make(PRIYA, 'results', [WARD_7]);
    await make(ADA, 'audit');
    const entries = (await audited()).filter((e) => e.action.startsWith('export.'));
    expect(entries.map((e) => [e.actor, e.action, e.targets, e.outcome])).toEqual([
      [ADA.aadObjectId, 'export.audit', ['FY2026-Q3'], 'done'],
      [PRIYA.aadObjectId, 'export.results', [WARD_7, 'FY2026-Q3'], 'done'],
    ]);
  });

  it('checks again when the file is made: a manager who lost the unit since gets nothing', async () => {
    const { files, make, store } = await trust();
    const request = await files.request(PRIYA.aadObjectId, {
      kind: 'results',
      unitIds: [WARD_7],
      period: QUARTER,
    });
    expect(request).toMatchObject({ unitIds: [WARD_7] });
    await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [] });
    expect(await make(PRIYA, 'results', [WARD_7])).toEqual({
      kind: 'refused',
      refusal: { kind: 'exportUnit' },
    });
    // Managing another unit instead is no better.
    await store.saveRoles(PRIYA.aadObjectId, { admin: false, lead: false, managerOf: [WARD_9] });
    expect(await make(PRIYA, 'results', [WARD_7])).toEqual({
      kind: 'refused',
      refusal: { kind: 'exportUnit', unitId: WARD_7 },
    });
  });
});
