// JSON logs. Log ids, verbs, counts and durations; never what a person typed, card input values, tokens or
// message contents. The redaction list is a second line of defence, not the first.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

const currentTurn = new AsyncLocalStorage<string>();

/** Runs one turn so that every line logged inside it, however deep, carries the turn's id. */
export const inTurn = <T>(turnId: string, work: () => T): T => currentTurn.run(turnId, work);

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'patient-partnership-bot' },
      mixin: () => {
        const turnId = currentTurn.getStore();
        return turnId ? { turnId } : {};
      },
      redact: {
        paths: [
          'text',
          '*.text',
          'value',
          '*.value',
          'authorization',
          '*.authorization',
          'headers.authorization',
          'password',
          '*.password',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
