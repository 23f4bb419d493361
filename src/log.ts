// JSON logs. Log ids, verbs, counts and durations; never what a person typed, card input values, tokens or
// message contents. The redaction list is a second line of defence, not the first.
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'patient-partnership-bot' },
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
