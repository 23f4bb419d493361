// Generated data says Teams reached everyone through a placeholder address; a run that answers people (replies,
// card updates) needs it to be the fake Bot Connector's, as a first message after a move would leave it.
import { openLowdbStore } from '../src/store/lowdb-store.js';
import { unitIdOf, UNITS } from './synthetic-org.js';

/** Every personal chat and ward team moved to `serviceUrl`, saved through the store: the run then writes none. */
export async function pointAtConnector(dataDir: string, serviceUrl: string): Promise<void> {
  const store = await openLowdbStore({ dataDir });
  try {
    const people = await store.people();
    await Promise.all(
      people.map(async ({ aadObjectId }) => {
        const chat = await store.personalConversation(aadObjectId);
        if (chat) await store.saveConversation({ ...chat, serviceUrl });
      }),
    );
    for (let unit = 0; unit < UNITS; unit++) {
      const team = await store.team(unitIdOf(unit));
      if (team) await store.saveTeam({ ...team, serviceUrl });
    }
  } finally {
    await store.close();
  }
}
