// When someone leaves a unit or stops check-ins: their open check-in cards for the unit are closed, and if
// they owned (or deputised for) its measures, its managers are asked to choose again. The next cycle already
// passes over them (see measureAnswerers); this makes sure a person decides who does.
import { isOpen } from '../domain/checkins.js';
import { localDateOf } from '../domain/cycles.js';
import type { Unit } from '../domain/units.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';
import type { DeliveriesService, NewDelivery } from './deliveries.js';

type Deps = { store: Store; clock: Clock; deliveries: DeliveriesService; timeZone: string };

export type OwnerGoneReason = 'left' | 'stopped';

export function createOwnerChanges({ store, clock, deliveries, timeZone }: Deps) {
  /** The unit's managers, or for a unit with none, the leads: someone must be able to choose. */
  async function choosersOf(unit: Unit): Promise<string[]> {
    const roles = await store.peopleWithRoles();
    const managers = roles.filter(({ roles: held }) => held.managerOf.includes(unit.id));
    return (managers.length > 0 ? managers : roles.filter(({ roles: held }) => held.lead)).map(
      ({ aadObjectId }) => aadObjectId,
    );
  }

  async function askToChoose(units: Unit[], aadObjectId: string, reason: OwnerGoneReason) {
    const items: NewDelivery[] = [];
    for (const unit of units) {
      const role = unit.checkins?.owner === aadObjectId ? 'owner' : 'deputy';
      for (const manager of await choosersOf(unit)) {
        if (manager === aadObjectId) continue;
        items.push({
          id: `${unit.id}:${aadObjectId}:${reason}:${manager}`,
          recipient: { kind: 'person', aadObjectId: manager },
          content: { card: 'ownerGone', data: { unitId: unit.id, aadObjectId, role, reason } },
        });
      }
    }
    if (items.length === 0) return 0;
    // One batch a day: the same change on the same day asks once; a change weeks later asks again.
    const day = localDateOf(clock(), timeZone);
    await deliveries.enqueue(`owners:${day}`, 'notice', items, { respectsQuietHours: true });
    return items.length;
  }

  const heldBy = (aadObjectId: string) => (unit: Unit) =>
    unit.tracked && (unit.checkins?.owner === aadObjectId || unit.checkins?.deputy === aadObjectId);

  /** Closes the person's open, unanswered check-in cards for the unit: they no longer answer for it. */
  async function closeCards(unit: Unit, aadObjectId: string) {
    const cycle = await store.latestCycle();
    if (!cycle || !isOpen(cycle, clock())) return;
    const { copies, pulses } = await store.unitCheckins(cycle.id, unit.id);
    const open = copies.filter(
      (copy) => copy.aadObjectId === aadObjectId && !(copy.card === 'pulse' && pulses[aadObjectId]),
    );
    if (open.length === 0) return;
    await deliveries.enqueue(
      `left:${cycle.id}`,
      'cardUpdate',
      open.map((copy) => ({
        id: `${copy.conversationId}:${copy.activityId}`,
        recipient: { kind: 'person', aadObjectId },
        content: {
          card: 'checkinCopy',
          data: { cycleId: cycle.id, unitId: unit.id, card: copy.card, left: true },
        },
        replaces: { conversationId: copy.conversationId, activityId: copy.activityId },
      })),
      { respectsQuietHours: false },
    );
  }

  return {
    /** People who left a team (Teams told us, or the daily member sync found them gone). */
    async left(teamId: string, aadObjectIds: readonly string[]): Promise<void> {
      const unit = await store.unit(teamId);
      if (!unit?.tracked) return;
      for (const aadObjectId of aadObjectIds) {
        await closeCards(unit, aadObjectId);
        if (heldBy(aadObjectId)(unit)) await askToChoose([unit], aadObjectId, 'left');
      }
    },

    /** A person stopped check-ins: units whose measures they answer need someone else. */
    async stopped(aadObjectId: string): Promise<number> {
      const units = (await store.units()).filter(heldBy(aadObjectId));
      return askToChoose(units, aadObjectId, 'stopped');
    },
  };
}

export type OwnerChanges = ReturnType<typeof createOwnerChanges>;
