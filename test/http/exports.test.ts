// The export download page through the real restify server: GET shows it as often as asked, POST spends
// the link once, and expired, guessed and malformed links get the same 404. The token is never logged.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createHttpServer, type HttpServer } from '../../src/http/server.js';
import { exportFileMaker } from '../../src/bot/export-views.js';
import { quarterPeriod } from '../../src/domain/export-periods.js';
import { createDownloads, OFFER_TTL_MS } from '../../src/services/exports.js';
import { samplePerson, saveTrackedWard, testDeps } from '../support/bot-deps.js';
import { exportTrust, LEE, PRIYA as MANAGER, WARD_7, WARD_9 } from '../support/export-trust.js';
import { TEAM } from '../support/teams-activities.js';

// Recipients whose ids a spreadsheet would run as formulas.
const HOSTILE = ['=HYPERLINK("https://evil.example")', '+1+1', '-2+3', '@SUM(A1)'];
let now = new Date('2026-11-23T10:00:00Z').getTime();
const built = testDeps({ clock: () => new Date(now), bootstrapAdmins: ['aad-priya'] });
const { deps } = built;
let http: HttpServer;
let base: string;
let broadcastId: string;
const priya = { aadObjectId: 'aad-priya' };

const offer = () =>
  deps.exports.offer(priya, {
    kind: 'broadcastReport',
    broadcastId,
    filename: `reminder-${broadcastId}-delivery.csv`,
    describe: 'The delivery status of each recipient of the reminder “Clinic <b>moves</b>”.',
  });
const page = (token: string) => fetch(`${base}/exports/${token}`);
const download = (token: string) =>
  fetch(`${base}/exports/${token}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });

beforeAll(async () => {
  await saveTrackedWard(built.store, TEAM, 'aad-priya');
  const team = (await built.store.team(TEAM.id))!;
  const members = { ...team.members };
  for (const [i, id] of HOSTILE.entries()) {
    members[id] = { addedAt: '2026-11-01T00:00:00Z' };
    await built.store.savePerson(samplePerson({ aadObjectId: id, teamsUserId: `29:h${i}`, name: `H ${i}` }));
  }
  await built.store.saveTeam({ ...team, members });
  await built.store.savePerson(samplePerson());
  const actor = { aadObjectId: 'aad-priya', roles: await deps.access.rolesOf('aad-priya') };
  const sent = await deps.broadcasts.send(actor, {
    title: 'Clinic moves',
    message: 'From Monday.',
    audience: { kind: 'everyone' },
  });
  if (sent.kind !== 'sent') throw new Error(`not sent: ${sent.kind}`);
  broadcastId = sent.broadcast.id;
  http = createHttpServer({
    processActivity: async () => {},
    notReady: () => [],
    exports: createDownloads({ exports: deps.exports, makeFile: exportFileMaker(deps) }),
    log: deps.log,
  });
  const address = await http.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await http.close();
});

const expectPrivate = (response: Response) => {
  expect(response.headers.get('cache-control')).toBe('no-store');
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  expect(response.headers.get('x-robots-tag')).toBe('noindex');
};

describe('the export download page', () => {
  it('GET shows what will be downloaded and a Download button, as often as asked', async () => {
    const token = offer();
    for (let i = 0; i < 3; i++) {
      const response = await page(token);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expectPrivate(response);
      const html = await response.text();
      expect(html).toContain('<html lang="en-GB">');
      expect(html).toMatch(/<h1>[^<]+<\/h1>/);
      expect(html).toContain('Clinic &lt;b&gt;moves&lt;/b&gt;');
      expect(html).toContain(`reminder-${broadcastId}-delivery.csv`);
      expect(html).toMatch(/<form method="post">\s*<button type="submit">Download<\/button>\s*<\/form>/);
      expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
    }
    expect((await download(token)).status).toBe(200);
  });

  it('POST answers the CSV once, audited then; afterwards 404', async () => {
    const token = offer();
    const audited = async () =>
      (await built.store.auditEntries({ limit: 100 })).filter((entry) => entry.action === 'broadcast.export')
        .length;
    const before = await audited();
    const response = await download(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="reminder-${broadcastId}-delivery.csv"`,
    );
    expectPrivate(response);
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toContain('state');
    expect(csv).toContain('aad-priya');
    expect(await audited()).toBe(before + 1);
    const again = await download(token);
    expect(again.status).toBe(404);
    expectPrivate(again);
    expect((await page(token)).status).toBe(404);
    expect(await audited()).toBe(before + 1);
  });

  it('disarms cells a spreadsheet would run as formulas', async () => {
    const csv = await (await download(offer())).text();
    const ids = csv
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.match(/^person,("(?:[^"]|"")*"|[^,]*)/)?.[1] ?? '')
      .map((cell) => (cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell));
    for (const hostile of HOSTILE) expect(ids).toContain(`'${hostile}`);
    for (const id of ids) expect(id).not.toMatch(/^[=+\-@]/);
  });

  it('answers 404 at 15 minutes, to GET and POST', async () => {
    const token = offer();
    now += OFFER_TTL_MS - 1;
    expect((await page(token)).status).toBe(200);
    now += 1;
    const expired = await page(token);
    expect(expired.status).toBe(404);
    expectPrivate(expired);
    expect(await expired.text()).toContain('<html lang="en-GB">');
    expect((await download(token)).status).toBe(404);
  });

  it('answers 404 to a guessed or malformed token', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'x', 'a'.repeat(44), '..%2F..%2Fetc']) {
      expect((await page(token)).status).toBe(404);
      expect((await download(token)).status).toBe(404);
    }
  });

  it('logs that an export was downloaded or not found, never the token', async () => {
    const token = offer();
    await page(token);
    await download(token);
    await download(token);
    const logs = built.logs();
    expect(logs).toContain('export.downloaded');
    expect(logs).toContain('export.notFound');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain('/exports/');
  });
});

describe('a file chosen on the export card, through the real server', () => {
  let trust: Awaited<ReturnType<typeof exportTrust>>;
  let server: HttpServer;
  let root: string;
  const quarter = quarterPeriod('FY2026-Q3')!;
  const offerAs = (who: { aadObjectId: string }, unitIds: string[]) =>
    trust.deps.exports.offer(who, {
      kind: 'results',
      unitIds,
      period: quarter,
      filename: 'results-FY2026-Q3.csv',
      describe: 'Check-in and measure results.',
    });
  const post = (token: string) => fetch(`${root}/exports/${token}`, { method: 'POST' });

  beforeAll(async () => {
    trust = await exportTrust();
    server = createHttpServer({
      processActivity: async () => {},
      notReady: () => [],
      exports: createDownloads({ exports: trust.deps.exports, makeFile: exportFileMaker(trust.deps) }),
      log: trust.deps.log,
    });
    root = `http://127.0.0.1:${(await server.listen(0, '127.0.0.1')).port}`;
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers UTF-8 with a byte order mark and CRLF lines, the threshold applied, audited once', async () => {
    const response = await post(offerAs(LEE, [WARD_7, WARD_9]));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="results-FY2026-Q3.csv"');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'Unit,Week beginning,Week,Section,Principle,Measure ID,Measure,Answered yes or no,Yes,No,% yes,Value,Status,Trend,Note',
    );
    expect(lines.at(-1)).toBe('');
    const ward9 = lines.filter((line) => line.startsWith('Ward 9,') && line.includes(',Staff pulse,'));
    expect(ward9).toHaveLength(6);
    for (const line of ward9) expect(line).toContain(',fewer than 5,,,,,,');
    const ward7 = lines.find((line) => line.startsWith('Ward 7,') && line.includes(',Staff pulse,Treating'));
    expect(ward7).toContain(',5,5,0,100,');
    const audits = (await trust.store.auditEntries({ limit: 50 })).filter(
      (e) => e.action === 'export.results',
    );
    expect(audits.map((e) => [e.actor, e.targets])).toEqual([
      [LEE.aadObjectId, [WARD_7, WARD_9, 'FY2026-Q3']],
    ]);
  });

  it('gives a manager who asked for another unit’s file nothing but 404, and audits the refusal', async () => {
    const token = offerAs(MANAGER, [WARD_9]);
    expect((await fetch(`${root}/exports/${token}`)).status).toBe(200);
    expect((await post(token)).status).toBe(404);
    expect((await post(token)).status).toBe(404);
    const refused = (await trust.store.auditEntries({ limit: 50 })).filter((e) => e.outcome === 'refused');
    expect(refused.map((e) => [e.actor, e.action, e.targets])).toEqual([
      [MANAGER.aadObjectId, 'exportUnit', [WARD_9]],
    ]);
  });
});
