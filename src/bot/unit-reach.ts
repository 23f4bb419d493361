// Which units a person may look at: managers their own, partnership leads and admins every tracked one.
import type { Unit } from '../domain/units.js';
import type { BotDeps } from './deps.js';
import { refusal } from './refusal.js';

/** The units the person may see, by name, or the refusal for someone with no role that could. */
export async function unitsInReach(deps: BotDeps, actor: string): Promise<Unit[] | { refused: string }> {
  const roles = await deps.access.rolesOf(actor);
  if (!roles.admin && !roles.lead && roles.managerOf.length === 0) {
    const access = await deps.access.check(actor, 'seeUnit');
    if (!access.allowed) return { refused: refusal(deps.text, access.action) };
  }
  const everyUnit = roles.admin || roles.lead;
  const candidates = (await deps.units.all()).filter(
    (unit) => roles.managerOf.includes(unit.id) || (everyUnit && unit.tracked),
  );
  const permitted: Unit[] = [];
  for (const unit of candidates)
    if ((await deps.access.check(actor, 'seeUnit', unit.id)).allowed) permitted.push(unit);
  return permitted.sort((a, b) => a.name.localeCompare(b.name, 'en-GB'));
}
