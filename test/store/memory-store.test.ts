import { describe, expect, it } from '@jest/globals';
import { ConversationRef, Person, Team } from '../../src/domain/roster.js';
import { createMemoryStore } from '../../src/store/memory-store.js';
import { sampleConversation, samplePerson, sampleTeam } from './samples.js';
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
  });
});
