import { describe, expect, it } from '@jest/globals';
import { AuditEntry } from '../../src/domain/audit.js';
import { Delivery } from '../../src/domain/delivery.js';
import { ConversationRef, Person, Team } from '../../src/domain/roster.js';
import { Unit } from '../../src/domain/units.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import {
  sampleAudit,
  sampleConversation,
  sampleDelivery,
  samplePerson,
  sampleTeam,
  sampleUnit,
} from './samples.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract('memory store', async () => {
  const store = createMemoryStore();
  return { store, cleanup: () => store.close() };
});

describe('test samples', () => {
  it('match the domain schemas exactly, so a round trip through a validating store changes nothing', () => {
    expect(Person.parse(samplePerson())).toEqual(samplePerson());
    expect(ConversationRef.parse(sampleConversation())).toEqual(sampleConversation());
    expect(Team.parse(sampleTeam())).toEqual(sampleTeam());
    expect(Unit.parse(sampleUnit())).toEqual(sampleUnit());
    const entry = sampleAudit('a1', '2025-03-04T09:00:00.000Z');
    expect(AuditEntry.parse(entry)).toEqual(entry);
    const delivery = sampleDelivery('d1', '2025-03-04T09:00:00.000Z');
    expect(Delivery.parse(delivery)).toEqual(delivery);
  });
});
