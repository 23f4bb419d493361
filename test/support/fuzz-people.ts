// Who the fuzz speaks as: an admin (so privileged paths are reached), a member of staff, a guest, people the
// bot has never met, and people whose ids are the names of Object.prototype's members, which a store keyed
// by id must keep as plain keys.
import { BOT, PRIYA } from './teams-activities.js';

export const ADMIN = { ...PRIYA, userRole: 'user' as const };
export const STAFF = { id: '29:sam', name: 'Sam Lee', aadObjectId: 'aad-sam', userRole: 'user' as const };
export const GUEST = { id: '29:ola', name: 'Ola Ade', aadObjectId: 'aad-ola', userRole: 'guest' as const };

export const PROTOTYPE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'then',
] as const;

/** The `from` of an activity as Teams could send it: mostly people who can act, sometimes someone odd. */
export const teamsSenders: readonly Record<string, unknown>[] = [
  ADMIN,
  ADMIN,
  ADMIN,
  STAFF,
  GUEST,
  { id: '29:new', name: 'New Person', aadObjectId: 'aad-new' },
  { id: '29:no-aad', name: 'No Entra Id' },
  { ...BOT, role: 'bot' },
];

/** And people no Teams would send, named like what every object inherits. */
export const senders: readonly Record<string, unknown>[] = [
  ...teamsSenders,
  ...PROTOTYPE_KEYS.map((key) => ({ id: `29:${key}`, name: key, aadObjectId: key })),
];
