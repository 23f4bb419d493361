// A data directory holding one tracked team of many people, written as core.json directly: saving 10,000
// people one store call at a time rewrites the whole core file each time (quadratic), which would make the
// set-up, not the delivery engine, the thing measured. The store validates the file when it opens it.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationRef, Person, Team } from '../src/domain/roster.js';
import { CoreFile, emptyCore } from '../src/store/core-file.js';
import { conversationIdFor } from '../test/support/fake-connector.js';

export const TENANT = 'tenant-bench';
export const BOT_ID = '28:bench-bot';
export const TEAM_ID = '19:bench-ward@thread.tacv2';
const AT = '2026-11-01T00:00:00.000Z';

export const aadIdOf = (i: number) => `aad-${i}`;
export const teamsUserIdOf = (i: number) => `29:user-${i}`;

export type Seed = {
  people: number;
  serviceUrl: string;
  /** Save everyone's 1:1 chat with the bot, as if each had been reached before (the weekly case). */
  withPersonalChats: boolean;
};

export async function seedDataDir(dataDir: string, { people, serviceUrl, withPersonalChats }: Seed) {
  const core = emptyCore();
  const members: Team['members'] = {};
  for (let i = 0; i < people; i++) {
    const person: Person = {
      aadObjectId: aadIdOf(i),
      teamsUserId: teamsUserIdOf(i),
      name: `Person ${i}`,
      tenantId: TENANT,
      guest: false,
      checkins: { stopped: false },
      firstSeenAt: AT,
    };
    core.people[person.aadObjectId] = person;
    members[person.aadObjectId] = { addedAt: AT };
    if (withPersonalChats) {
      const chat: ConversationRef = {
        conversationId: conversationIdFor(person.teamsUserId),
        scope: 'personal',
        serviceUrl,
        tenantId: TENANT,
        botId: BOT_ID,
        aadObjectId: person.aadObjectId,
        installed: true,
      };
      core.conversations[chat.conversationId] = chat;
    }
  }
  core.teams[TEAM_ID] = {
    id: TEAM_ID,
    name: 'Bench ward',
    tenantId: TENANT,
    serviceUrl,
    state: 'active',
    channels: [{ id: TEAM_ID, name: 'General', state: 'active' }],
    members,
    installed: true,
  };
  core.units[TEAM_ID] = {
    id: TEAM_ID,
    name: 'Bench ward',
    level: 'unit',
    teamId: TEAM_ID,
    tracked: true,
    createdAt: AT,
    createdBy: 'aad-admin',
  };
  const text = JSON.stringify(CoreFile.parse(core));
  await writeFile(join(dataDir, 'core.json'), text);
  return { coreBytes: Buffer.byteLength(text) };
}
