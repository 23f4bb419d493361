// The in-memory Store: for service tests and short-lived tools. Validates and copies on the way in and copies
// on the way out, as a real store would, so a caller can never change saved state by holding on to an object,
// and a record the lowdb store would refuse is refused here too.
import type { ConversationRef, Person, Team } from '../domain/roster.js';
import { validRecord } from './records.js';
import { StoreClosedError, type Store } from './store.js';

export function createMemoryStore(): Store {
  const people = new Map<string, Person>();
  const conversations = new Map<string, ConversationRef>();
  const teams = new Map<string, Team>();
  const cardActions = new Map<string, string>();
  const copy = <T>(value: T | undefined): T | undefined =>
    value === undefined ? undefined : structuredClone(value);
  let closed = false;
  const refuseIfClosed = () => {
    if (closed) throw new StoreClosedError();
  };

  return {
    person: async (id) => copy(people.get(id)),
    savePerson: async (person) => {
      refuseIfClosed();
      people.set(person.aadObjectId, validRecord('people', person));
    },
    conversation: async (id) => copy(conversations.get(id)),
    personalConversation: async (aadObjectId) =>
      copy([...conversations.values()].find((c) => c.scope === 'personal' && c.aadObjectId === aadObjectId)),
    saveConversation: async (conversation) => {
      refuseIfClosed();
      conversations.set(conversation.conversationId, validRecord('conversations', conversation));
    },
    team: async (id) => copy(teams.get(id)),
    saveTeam: async (team) => {
      refuseIfClosed();
      teams.set(team.id, validRecord('teams', team));
    },
    claimCardAction: async (key, at, forgetBefore) => {
      refuseIfClosed();
      for (const [known, claimedAt] of cardActions) if (claimedAt < forgetBefore) cardActions.delete(known);
      if (cardActions.has(key)) return false;
      cardActions.set(key, at);
      return true;
    },
    close: async () => {
      closed = true;
    },
  };
}
