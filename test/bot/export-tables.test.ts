// Each export's file in words, as a spreadsheet opens it: a header and rows of the same width, status and
// trend as words, people as numbers or "fewer than 8", hidden pulse results with no numbers, and cells that
// look like formulas disarmed.
import { describe, expect, it } from '@jest/globals';
import Papa from 'papaparse';
import { exportFileMaker } from '../../src/bot/export-views.js';
import { quarterPeriod } from '../../src/domain/export-periods.js';
import type { ExportKind } from '../../src/domain/export-kinds.js';
import type { ExportOffer } from '../../src/services/exports.js';
import { ADA, exportTrust, LEE, ORG, PRIYA, SAM, WARD_7, WARD_9 } from '../support/export-trust.js';

const QUARTER = quarterPeriod('FY2026-Q3')!;

async function files() {
  const trust = await exportTrust();
  const make = exportFileMaker(trust.deps);
  /** The file as rows of cells, as a spreadsheet reads it. */
  const csv = async (who: { aadObjectId: string }, kind: ExportKind, unitIds: string[] = []) => {
    const offer: ExportOffer = {
      kind,
      unitIds,
      period: QUARTER,
      filename: 'x.csv',
      describe: 'x',
      aadObjectId: who.aadObjectId,
      expiresAt: 0,
    };
    const text = await make(offer);
    if (text === undefined) throw new Error(`no ${kind} file`);
    const rows = Papa.parse<string[]>(text, { newline: '\r\n', skipEmptyLines: true }).data;
    const [header, ...body] = rows;
    for (const row of body) expect(row).toHaveLength(header!.length);
    const byColumn = body.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!])));
    return { text, header: header!, rows: byColumn };
  };
  return { ...trust, make, csv };
}

describe('the files in words', () => {
  it('results: shown figures as numbers, hidden ones as “fewer than 5” and why, measures with status words', async () => {
    const { csv } = await files();
    const { rows } = await csv(LEE, 'results', [WARD_7, WARD_9]);
    const ward7 = rows.find((r) => r['Unit'] === 'Ward 7' && r['Section'] === 'Staff pulse')!;
    expect(ward7).toMatchObject({
      'Week beginning': '23 November 2026',
      Week: '2026-W48',
      Principle: 'Treating patients as equals',
      'Answered yes or no': '5',
      Yes: '5',
      No: '0',
      '% yes': '100',
      Note: 'Shown',
    });
    const ward9 = rows.filter((r) => r['Unit'] === 'Ward 9' && r['Section'] === 'Staff pulse');
    expect(ward9).toHaveLength(6);
    for (const row of ward9)
      expect(row).toMatchObject({
        'Answered yes or no': 'fewer than 5',
        Yes: '',
        No: '',
        '% yes': '',
        Note: 'Not shown: fewer than 5 people answered',
      });
    const response = rows.find((r) => r['Unit'] === 'Ward 9' && r['Section'] === 'Check-in response')!;
    expect(response['Value']).toBe('4 of 4 people answered (100%)');
    const measure = rows.find((r) => r['Section'] === 'Measure')!;
    expect(measure['Measure']).not.toBe('');
    expect(measure['Status']).toMatch(
      /^(Red – off track|Amber – needs attention|Green – on track|Blue – embedded|Grey – .+|No target set)$/,
    );
  });

  it('actions: people as numbers or “fewer than 8”, and texts only for actions marked OK to share', async () => {
    const { csv, deps } = await files();
    const entry = (title: string, shareable: boolean, patients: string) => ({
      type: 'focus-group',
      title,
      date: '2026-11-20',
      principles: 'p5',
      patients,
      public: '12',
      depth: 'co-design',
      whatWeHeard: 'Parking is hard',
      whatWeDid: 'More spaces',
      noPatient: 'true',
      ...(shareable ? { shareable: 'true' } : {}),
    });
    await deps.actions.log(SAM.aadObjectId, entry('=HYPERLINK("https://evil.example")', true, '3'), WARD_7);
    await deps.actions.log(SAM.aadObjectId, entry('Private workshop', false, '9'), WARD_7);
    const { rows, text } = await csv(PRIYA, 'actions');
    expect(
      rows.map((r) => [r['Patients'], r['Members of the public'], r['OK to share'], r['Title']]),
    ).toEqual([
      ['fewer than 8', '12', 'Yes', `'=HYPERLINK("https://evil.example")`],
      ['9', '12', 'No: its texts are not exported', ''],
    ]);
    expect(rows[0]).toMatchObject({ Depth: 'Co-design', 'What we heard': 'Parking is hard', Unit: 'Ward 7' });
    expect(text).not.toMatch(/Private workshop/);
  });

  it('audit log: who and what as ids and names, the outcome in words', async () => {
    const { csv } = await files();
    await csv(LEE, 'results', [WARD_9]);
    const { rows } = await csv(ADA, 'audit');
    const exported = rows.find((r) => r['What (code)'] === 'export.results')!;
    expect(exported).toMatchObject({
      'Who (ID)': LEE.aadObjectId,
      Who: 'Lee Lead',
      What: 'Exported check-in and measure results',
      Outcome: 'Done',
      'About (IDs)': `${WARD_9}; FY2026-Q3`,
      About: 'Ward 9; Not known',
    });
  });

  it('board pack: a readable section per topic for the organisation, nothing under the threshold', async () => {
    const { csv, deps } = await files();
    await deps.actions.log(
      SAM.aadObjectId,
      {
        type: 'survey',
        title: 'Discharge survey',
        date: '2026-11-20',
        principles: 'p2',
        patients: '40',
        depth: 'consult',
        whatWeHeard: 'Letters were late',
        whatWeDid: 'Letters go the same day',
        shareable: 'true',
        noPatient: 'true',
      },
      WARD_7,
    );
    const { header, rows } = await csv(LEE, 'boardPack', [ORG]);
    expect(header).toEqual(['Organisation', 'Section', 'Item', 'Figure', 'Status', 'Trend', 'Detail']);
    expect(new Set(rows.map((r) => r['Organisation']))).toEqual(new Set(['Northshire Trust']));
    expect(rows.map((r) => r['Section'])).toEqual(
      expect.arrayContaining([
        'About',
        'Principle',
        'Measure',
        'Patient input',
        'Activities by type',
        'You said, we did',
      ]),
    );
    const p1 = rows.find((r) => r['Section'] === 'Principle' && r['Item'] === 'Treating patients as equals')!;
    expect(p1['Figure']).toBe('100% said yes (5 of 5)');
    expect(p1['Detail']).toContain('Some answers from small units are left out');
    const highlight = rows.find((r) => r['Section'] === 'You said, we did')!;
    expect(highlight).toMatchObject({
      Item: 'Discharge survey',
      Figure: '20 November 2026',
      Detail: 'You said: Letters were late We did: Letters go the same day',
    });
    const byType = rows.find((r) => r['Section'] === 'Activities by type')!;
    expect(byType).toMatchObject({ Figure: '1', Detail: 'People who took part: 40' });
  });
});
