// The Store port: what the services need from storage, in their own words. Implementations: lowdb files
// (the embedded default) and memory (tests); a shared database later. One contract suite runs against each.
import type { ConversationRef, Person, Team } from '../domain/roster.js';

export interface Store {
  person(aadObjectId: string): Promise<Person | undefined>;
  /** Saves the person; a save that changes nothing writes nothing. */
  savePerson(person: Person): Promise<void>;

  conversation(conversationId: string): Promise<ConversationRef | undefined>;
  personalConversation(aadObjectId: string): Promise<ConversationRef | undefined>;
  saveConversation(conversation: ConversationRef): Promise<void>;

  team(teamId: string): Promise<Team | undefined>;
  saveTeam(team: Team): Promise<void>;

  /**
   * Records that a card action with this idempotency key has been handled. True the first time only, so a
   * double click or a retried invoke changes nothing twice. Keys older than `forgetBefore` are dropped.
   */
  claimCardAction(key: string, at: string, forgetBefore: string): Promise<boolean>;

  /**
   * Finishes pending writes and releases what the store holds (files, locks, connections). Calling it again
   * does nothing. Saves asked for once it has been called are refused with StoreClosedError: another process
   * may own the data by then.
   */
  close(): Promise<void>;
}

export class StoreClosedError extends Error {
  constructor() {
    super(
      'store: refused a save after close(); nothing was saved. Stop the work that saves before closing the store.',
    );
    this.name = 'StoreClosedError';
  }
}
