// The bot's own buttons pressed again (see fuzz-cards.ts for the pool): the fuzz's way past each verb's checks.
import fc from 'fast-check';
import type { CardPool } from './fuzz-cards.js';
import { cardInvoke, knownVerbs, type Where } from './fuzz-activities.js';
import { ADMIN, PROTOTYPE_KEYS, teamsSenders } from './fuzz-people.js';
import { freeText, hostileValue } from './fuzz-values.js';

type Json = Record<string, unknown>;

/**
 * What a pooled button becomes when pressed again: as it was; with its inputs filled in with their likeliest
 * valid values, or other plausible ones; likely but for one hostile value; all hostile; or with a key of its
 * data replaced (by anything, or by a name such as 'constructor'), dropped, or named like a prototype member.
 */
export type Pressing = {
  pick: number;
  how:
    | 'replay'
    | 'likely'
    | 'plausible'
    | 'allButOne'
    | 'inputs'
    | 'replace'
    | 'inherited'
    | 'drop'
    | 'prototype';
  value: unknown;
  key: number;
  from: Json;
  place: Where;
  /** The message the card was on: the answer replaces it, and check-in cards remember where it landed. */
  replyToId: string | undefined;
};

export const pressings: fc.Arbitrary<Pressing> = fc.record({
  pick: fc.nat(),
  how: fc.constantFrom(
    'replay',
    'likely',
    'likely',
    'plausible',
    'plausible',
    'allButOne',
    'allButOne',
    'inputs',
    'replace',
    'inherited',
    'inherited',
    'drop',
    'prototype',
  ),
  value: fc.oneof(freeText, hostileValue),
  key: fc.nat(),
  // People Teams could send: ids named like prototype members are refused before any button is reached.
  from: fc.oneof({ weight: 4, arbitrary: fc.constant<Json>(ADMIN) }, fc.constantFrom(...teamsSenders)),
  place: fc.constantFrom<Where>('personal', 'personal', 'personal', 'channel'),
  replyToId: fc.option(fc.oneof(fc.constant('activity-1'), fc.string({ unit: 'binary', maxLength: 200 })), {
    nil: undefined,
  }),
});

/** The card action a pressing makes of a button in the pool. */
export function pressed(pool: CardPool, { pick, how, value, key, from, place, replyToId }: Pressing): Json {
  const button = pool.pick(pick) ?? { verb: knownVerbs[pick % knownVerbs.length]!, data: {}, inputs: [] };
  const data: Json = { ...button.data };
  if (how !== 'replay')
    button.inputs.forEach(({ id, plausible }, at) => {
      const choice = how === 'plausible' ? key + at * 7 : 0;
      data[id] = how === 'inputs' ? textOf(value) : (plausible[choice % plausible.length] ?? '');
    });
  const keys = Object.keys(data);
  const chosen = keys.length > 0 ? keys[key % keys.length]! : 'cardId';
  if (how === 'allButOne' || how === 'replace') data[chosen] = how === 'allButOne' ? textOf(value) : value;
  // An id named like what every object inherits, where the handler and the store look a record up by it.
  if (how === 'inherited') data[chosen] = PROTOTYPE_KEYS[key % PROTOTYPE_KEYS.length];
  if (how === 'drop') delete data[chosen];
  if (how === 'prototype')
    Object.defineProperty(data, PROTOTYPE_KEYS[key % PROTOTYPE_KEYS.length]!, { value, enumerable: true });
  return { ...cardInvoke(place, from, button.verb, data), ...(replyToId === undefined ? {} : { replyToId }) };
}

// Teams sends every input's value as a string.
const textOf = (value: unknown): string =>
  typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
