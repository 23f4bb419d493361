// The buttons the bot has shown: every Action.Execute found on the cards it answered or sent, with the inputs on
// the same card and values each input would accept (its choices, its toggle's values, a date, its default).
// Pressing them again, filled in plausibly with one hostile value among them, reaches the paths behind each
// verb's own checks (real card ids, action ids, broadcast ids, cycles) that random data never finds.

export type PooledInput = { id: string; plausible: string[] };
export type PooledAction = { verb: string; data: Record<string, unknown>; inputs: PooledInput[] };

export type CardPool = {
  /** Collects the actions on any cards inside `found` (an invoke answer, a sent activity). */
  add(found: unknown): void;
  /** The action at `index` (wrapping round), or undefined while the pool is empty. */
  pick(index: number): PooledAction | undefined;
  size(): number;
};

// Enough to hold every verb's latest few buttons; older ones are dropped first.
const KEPT_PER_VERB = 8;

export function cardPool(): CardPool {
  const byVerb = new Map<string, PooledAction[]>();
  let all: PooledAction[] = [];
  return {
    add(found) {
      for (const card of cardsIn(found)) {
        const inputs = inputsOf(card);
        for (const action of executeActions(card)) {
          const kept = [...(byVerb.get(action.verb) ?? []), { ...action, inputs }].slice(-KEPT_PER_VERB);
          byVerb.set(action.verb, kept);
        }
      }
      all = [...byVerb.values()].flat();
    },
    pick: (index) => (all.length === 0 ? undefined : all[index % all.length]),
    size: () => all.length,
  };
}

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/** Every object inside a value, depth first. */
function nodesIn(found: unknown): Node[] {
  const nodes: Node[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isNode(node)) {
      nodes.push(node);
      Object.values(node).forEach(walk);
    }
  };
  walk(found);
  return nodes;
}

/** Adaptive cards anywhere inside a value: an invoke answer's body, an activity's attachments. */
const cardsIn = (found: unknown): Node[] => nodesIn(found).filter((node) => node.type === 'AdaptiveCard');

const executeActions = (card: Node): Omit<PooledAction, 'inputs'>[] =>
  nodesIn(card)
    .filter((node) => node.type === 'Action.Execute' && typeof node.verb === 'string')
    .map((node) => ({ verb: node.verb as string, data: isNode(node.data) ? node.data : {} }));

function inputsOf(card: Node): PooledInput[] {
  const inputs = new Map<string, PooledInput>();
  for (const node of nodesIn(card)) {
    if (typeof node.type !== 'string' || !node.type.startsWith('Input.') || typeof node.id !== 'string')
      continue;
    inputs.set(node.id, { id: node.id, plausible: plausibleValues(node) });
  }
  return [...inputs.values()];
}

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Values a person could have given this input, as Teams sends them (strings), the likeliest to be valid first. */
function plausibleValues(input: Node): string[] {
  const given = typeof input.value === 'string' && input.value !== '' ? [input.value] : [];
  switch (input.type) {
    case 'Input.ChoiceSet': {
      const values = (Array.isArray(input.choices) ? input.choices : [])
        .map((choice) => (isNode(choice) ? choice.value : undefined))
        .filter((value): value is string => typeof value === 'string');
      const several = input.isMultiSelect && values.length > 1 ? [values.slice(0, 2).join(',')] : [];
      return [...given, ...values, ...several];
    }
    case 'Input.Toggle':
      return [...given, String(input.valueOff ?? 'false'), String(input.valueOn ?? 'true')];
    case 'Input.Date':
      return [...given, inDays(7), today(), inDays(-3)];
    case 'Input.Time':
      return [...given, '09:00', '17:30'];
    case 'Input.Number':
      return [...given, ...[input.min, 3, input.max].filter((n) => typeof n === 'number').map(String)];
    default: {
      const texts = ['Patient panel reviewed the discharge letter', 'Listened to carers at the ward forum'];
      return input.isRequired ? [...given, ...texts, ''] : [...given, '', ...texts];
    }
  }
}
