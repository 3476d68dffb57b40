import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout; one line per request carries its request id (ADR 0005). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'compact-platform' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    destination,
  );
}
