// "settings" (admins): the threshold, the weekly schedule, quiet hours and the sending speed. Every verb checks
// 'manageSettings' on the server, whatever the card showed; saves and resets happen once per card.
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { AdaptiveCard } from '../../cards/card.js';
import { errorCard, refusedCard } from '../../cards/notice-cards.js';
import { settingsResetCard } from '../../cards/settings-card.js';
import { effectiveSettings, isScheduleSetting, type SettingName } from '../../domain/settings.js';
import { readSettingsForm, settingsInputIds, type SettingsInputId } from '../../domain/settings-form.js';
import type { BotDeps } from '../deps.js';
import { refusal } from '../refusal.js';
import { sendCard } from '../reply.js';
import { settingsCardFor, valueInWords } from '../settings-views.js';
import { verbs } from '../verbs.js';

const cardId = z.string().min(1).max(100);
/** Teams sends inputs as strings; a crafted number is read the same way, anything else is refused. */
const input = z
  .union([z.string().max(100), z.number().finite()])
  .transform(String)
  .optional();
/** The settings' version the card was shown at: a card older than the last save or reset is out of date. */
const CardData = z.object({ cardId, version: z.string().max(40).optional() });
const SaveData = CardData.extend(
  Object.fromEntries(settingsInputIds.map((id) => [id, input])) as Record<SettingsInputId, typeof input>,
);

type Handler = (data: unknown, actor: string) => Promise<AdaptiveCard>;

/** Every settings verb: admins only, refused and audited otherwise. */
function adminsOnly(deps: BotDeps, handle: Handler) {
  return async (context: TurnContext, _state: unknown, data: unknown): Promise<AdaptiveCard> => {
    const actor = context.activity.from.aadObjectId ?? '';
    const access = await deps.access.check(actor, 'manageSettings');
    return access.allowed ? handle(data, actor) : refusedCard(deps.text, refusal(deps.text, access.action));
  };
}

/** Someone saved or reset since the card was shown: acting on it would undo their change unseen. */
const isStale = (deps: BotDeps, version: string | undefined) =>
  version !== deps.adminSettings.describe().version;

/** "Saved. These apply straight away:" then one line per setting changed, its new value in words. */
function savedNotice(deps: BotDeps, changed: readonly SettingName[]): string[] {
  const t = deps.text.settings;
  const values = deps.adminSettings.current();
  return [
    t.saved,
    ...changed.map((name) => t.changedLine(t.names[name]!, valueInWords(deps, name, values))),
    ...(changed.some(isScheduleSetting) ? [t.scheduleNote] : []),
  ];
}

export function settingsCommand(deps: BotDeps) {
  return async (context: TurnContext): Promise<void> => {
    const access = await deps.access.check(context.activity.from.aadObjectId ?? '', 'manageSettings');
    if (!access.allowed) return void (await context.sendActivity(refusal(deps.text, access.action)));
    await sendCard(context, await settingsCardFor(deps));
  };
}

/** The card as things stand: "No, go back" on the reset card, or a refresh. */
export const settingsShow = (deps: BotDeps) => adminsOnly(deps, async () => settingsCardFor(deps));

/** Saves once per card; problems come back by their inputs with what was sent kept. */
export const settingsSave = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const parsed = SaveData.safeParse(data);
    if (!parsed.success) return errorCard(deps.text, 'badInput');
    const { cardId: key, version, ...sent } = parsed.data;
    if (!(await deps.cardActions.claim(key)))
      return settingsCardFor(deps, { notice: [deps.text.notices.alreadyDone] });
    if (isStale(deps, version)) return settingsCardFor(deps, { notice: [deps.text.settings.stale] });
    const form = readSettingsForm(sent, deps.adminSettings.current());
    if (form.kind === 'problems') return settingsCardFor(deps, { problems: form.problems, sent });
    const outcome = await deps.adminSettings.update(actor, form.change);
    switch (outcome.kind) {
      case 'refused':
        return refusedCard(deps.text, refusal(deps.text, outcome.action));
      case 'problems':
        return settingsCardFor(deps, { problems: outcome.problems, sent });
      case 'unchanged':
        return settingsCardFor(deps, { notice: [deps.text.settings.unchanged] });
      case 'saved':
        deps.log.info({ changed: outcome.changed }, 'settings: saved');
        return settingsCardFor(deps, { notice: savedNotice(deps, outcome.changed) });
    }
  });

/** Asks first: what goes back to the environment's value. */
export const settingsReset = (deps: BotDeps) =>
  adminsOnly(deps, async (data) => {
    if (!CardData.safeParse(data).success) return errorCard(deps.text, 'badInput');
    const t = deps.text.settings;
    const { values, stored, version } = deps.adminSettings.describe();
    if (stored.length === 0) return settingsCardFor(deps, { notice: [t.nothingToReset] });
    const environment = effectiveSettings(deps.adminSettings.environment());
    const card = deps.newId();
    return settingsResetCard(deps.text, {
      lines: stored.map((name) =>
        t.resetLine(t.names[name]!, valueInWords(deps, name, values), valueInWords(deps, name, environment)),
      ),
      confirm: {
        title: t.resetConfirm,
        verb: verbs.settingsResetConfirm,
        data: { cardId: card, version },
        style: 'destructive',
      },
      cancel: { title: t.cancel, verb: verbs.settingsShow, data: { cardId: card } },
    });
  });

export const settingsResetConfirm = (deps: BotDeps) =>
  adminsOnly(deps, async (data, actor) => {
    const parsed = CardData.safeParse(data);
    if (!parsed.success) return errorCard(deps.text, 'badInput');
    const t = deps.text.settings;
    if (!(await deps.cardActions.claim(parsed.data.cardId)))
      return settingsCardFor(deps, { notice: [deps.text.notices.alreadyDone] });
    if (isStale(deps, parsed.data.version)) return settingsCardFor(deps, { notice: [t.stale] });
    const outcome = await deps.adminSettings.reset(actor);
    if (outcome.kind === 'refused') return refusedCard(deps.text, refusal(deps.text, outcome.action));
    if (outcome.kind === 'reset') deps.log.info({ cleared: outcome.cleared }, 'settings: reset');
    return settingsCardFor(deps, { notice: [outcome.kind === 'reset' ? t.resetDone : t.nothingToReset] });
  });
