// Robustness (issue 9): thousands of malformed and hostile activities and card payloads through the real HTTP
// endpoint of the real bot (restify, TeamsAdapter, teams-ai, lowdb files). After every property, and at the end:
// the process is alive (GET /healthz), nothing was answered 5xx, no exception or rejection went unhandled, no
// log line repeats what a person typed, and every data file still passes its schema (checkDataDir).
//
// In-process, for all but the last test: jest's own handlers would hide a crash, so the harness listens for
// uncaughtException and unhandledRejection itself and fails on either. That catches everything that would
// kill a separate process, with no start-up per run, and keeps thousands of requests within a minute. The last
// test spawns the real entry point, where Node's defaults do crash on both, and sends it a sample of the same.
//
// The seed is fixed and printed with any failure (with the path to the failing case), so a failure replays.
// FUZZ_SCALE multiplies every numRuns (FUZZ_SCALE=10 for a long soak, 0.2 for a quick look); FUZZ_SEED explores
// other cases.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_BODY_BYTES } from '../../src/http/server.js';
import {
  cardActions,
  membersChanged,
  messages,
  mistyped,
  oddEnvelopes,
  otherInvokes,
} from '../support/fuzz-activities.js';
import { startFuzzBot, type Answer, type FuzzBot } from '../support/fuzz-bot.js';
import { ADMIN, STAFF } from '../support/fuzz-people.js';
import { pressed, pressings } from '../support/fuzz-pressings.js';
import { spawnedBot } from '../support/fuzz-process.js';
import { hugeBodies, rawBodies, smotheredBodies } from '../support/fuzz-values.js';
import { cardAction, message, teamsActivity } from '../support/teams-activities.js';
import { cardProblems } from '../support/validate-card.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_260_409);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (numRuns: number) => ({ seed: SEED, numRuns: Math.max(1, Math.round(numRuns * SCALE)) });

let bot: FuzzBot;

beforeAll(async () => {
  bot = await startFuzzBot();
  await seedState(bot);
}, 60_000);

afterAll(async () => {
  await bot?.stop();
}, 30_000);

/** Enough state that hostile data meets real units, cycles, actions and broadcasts, and cards to press again. */
async function seedState(fuzz: FuzzBot): Promise<void> {
  const as = (from: object, text: string, where: 'personal' | 'channel' = 'personal') =>
    fuzz.send({ ...message(where, text), from });
  await as(ADMIN, 'track this team', 'channel');
  await as(ADMIN, 'post summaries here', 'channel');
  for (const text of ['help', 'send check-ins now', 'log action', 'broadcast', 'roles', 'units', 'audit'])
    await as(ADMIN, text);
  for (const text of [
    'set up check-ins',
    'my unit',
    'digest',
    'status',
    'who am i',
    'my actions',
    'broadcasts',
  ])
    await as(ADMIN, text);
  for (const text of ['settings', 'export', 'erase']) await as(ADMIN, text);
  await as(STAFF, 'checkin');
  await as(STAFF, 'log action');
  // The pulse cards of the cycle just opened go out through the delivery worker.
  for (let waited = 0; waited < 5_000 && fuzz.connector.created.length === 0; waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

type Json = Record<string, unknown>;

/** Sends the activity; any answer but a 5xx will do (a 400 for a malformed one, a 403 for another tenant). */
async function sendSurviving(activity: Json): Promise<Answer> {
  const answer = await bot.send(activity);
  expect(answer.status).toBeGreaterThanOrEqual(200);
  expect(answer.status).toBeLessThan(500);
  return answer;
}

const survives = async (activity: Json): Promise<void> => void (await sendSurviving(activity));

/** A card action from the organisation's tenant is answered 200 with a card Teams can render, whatever its data. */
async function answeredWithCard(activity: Json): Promise<void> {
  const { status, body } = await sendSurviving(activity);
  // Hostile data can make the body itself too big: that is refused before any card is made.
  const sent = Buffer.byteLength(JSON.stringify({ ...activity, serviceUrl: bot.connector.url }));
  if (sent > MAX_BODY_BYTES) return expect(status).toBe(413);
  expect(status).toBe(200);
  const response = body as { statusCode?: number; type?: string; value?: unknown };
  expect(response).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  expect(cardProblems(response.value)).toEqual([]);
}

async function expectUnbroken(): Promise<void> {
  expect(await bot.failures()).toEqual([]);
}

describe('fuzz: the bot survives hostile input through its HTTP endpoint', () => {
  it('has cards of its own to press again once its state is seeded', () => {
    expect(bot.pool.size()).toBeGreaterThan(20);
  });

  it('answers bodies that are no activity with a 4xx', async () => {
    const activity = teamsActivity('personal', { text: 'help' }) as Json;
    await fc.assert(
      fc.asyncProperty(rawBodies(activity), async ({ body, contentType }) => {
        const { status } = await bot.post(body, contentType);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(status).toBeLessThan(500);
      }),
      runs(250),
    );
    await expectUnbroken();
  }, 60_000);

  it('survives activities nested ten thousand deep, with prototype names as keys, or mislabelled', async () => {
    const activity = { ...message('personal', 'help'), serviceUrl: bot.connector.url } as Json;
    await fc.assert(
      fc.asyncProperty(smotheredBodies(activity), async ({ body, contentType }) => {
        const { status } = await bot.post(body, contentType);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      runs(40),
    );
    await expectUnbroken();
  }, 60_000);

  it('answers bodies over the size limit (a megabyte and more) with 413', async () => {
    const activity = teamsActivity('personal', { text: 'help' }) as Json;
    for (const { body, contentType } of hugeBodies(activity))
      expect((await bot.post(body, contentType)).status).toBe(413);
    await expectUnbroken();
  }, 60_000);

  it('survives activities with fields of the wrong type', async () => {
    await fc.assert(fc.asyncProperty(mistyped, survives), runs(300));
    await expectUnbroken();
  }, 60_000);

  it('survives odd people, recipients and conversations', async () => {
    await fc.assert(fc.asyncProperty(oddEnvelopes, survives), runs(200));
    await expectUnbroken();
  }, 60_000);

  it('survives anything typed, commands with junk around them included', async () => {
    await fc.assert(fc.asyncProperty(messages, survives), runs(300));
    await expectUnbroken();
  }, 60_000);

  it('answers every card action, known verb or not, whatever its data', async () => {
    await fc.assert(fc.asyncProperty(cardActions, survives), runs(400));
    await expectUnbroken();
  }, 60_000);

  it('answers its own buttons pressed again, data and inputs mangled, with a card Teams can render', async () => {
    await fc.assert(
      fc.asyncProperty(pressings, (pressing) => answeredWithCard(pressed(bot.pool, pressing))),
      runs(500),
    );
    await expectUnbroken();
  }, 90_000);

  it('survives invokes that are not card actions', async () => {
    await fc.assert(fc.asyncProperty(otherInvokes, survives), runs(150));
    await expectUnbroken();
  }, 60_000);

  it('survives members coming and going in odd shapes', async () => {
    await fc.assert(fc.asyncProperty(membersChanged, survives), runs(150));
    await expectUnbroken();
  }, 60_000);

  it('survives bursts of hostile activities at once', async () => {
    const anyActivity = fc.oneof(
      mistyped,
      messages,
      cardActions,
      membersChanged,
      pressings.map((pressing) => pressed(bot.pool, pressing)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(anyActivity, { minLength: 2, maxLength: 6 }), async (burst) => {
        await Promise.all(burst.map(survives));
      }),
      runs(80),
    );
    await expectUnbroken();
  }, 60_000);

  it('still serves a person as before once it is over', async () => {
    await answeredWithCard({ ...cardAction('help.show', { cardId: 'after-the-fuzz' }), from: STAFF });
    const before = bot.connector.sent.length;
    expect((await bot.send({ ...message('personal', 'who am i'), from: STAFF })).status).toBe(200);
    expect(bot.connector.sent.length).toBe(before + 1);
    await expectUnbroken();
  });
});

describe('fuzz: the bot as its own process', () => {
  it('survives a sample of the same, answers no 5xx, stops cleanly and leaves valid data', async () => {
    const child = await spawnedBot();
    try {
      const activity = { ...message('personal', 'help'), serviceUrl: child.connectorUrl } as Json;
      const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns: number) =>
        fc.sample(arbitrary, { seed: SEED, numRuns: runs(numRuns).numRuns });
      const bodies = [
        ...sample(rawBodies(activity), 20),
        ...sample(smotheredBodies(activity), 10),
        ...hugeBodies(activity).slice(0, 1),
        ...[mistyped, oddEnvelopes, messages, cardActions, otherInvokes, membersChanged].flatMap(
          (arbitrary) =>
            sample(arbitrary, 15).map((one) => ({
              body: JSON.stringify({ ...one, serviceUrl: child.connectorUrl }),
              contentType: 'application/json',
            })),
        ),
      ];
      const statuses = [];
      for (const { body, contentType } of bodies) statuses.push(await child.post(body, contentType));
      expect(statuses.filter((status) => status === 0 || status >= 500)).toEqual([]);
      expect(await child.health()).toBe(200);
      expect(child.exited()).toBe(false);
    } finally {
      const { code, stderr, problems } = await child.stop();
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(problems).toEqual([]);
    }
  }, 90_000);
});
