import pino, { type DestinationStream, type Logger } from 'pino';

/** Folio's structured logger (pino): JSON lines with an ISO time. */
export type FolioLogger = Logger;

// Whatever a caller passes by mistake, these never reach a log line.
const REDACTED = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'cookie',
  'authorization',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.cookie',
  '*.authorization',
  '*.headers.cookie',
  '*.headers.authorization',
  '*.headers["set-cookie"]',
];

/** A logger writing JSON lines to `destination` (standard output by default). */
export function createLogger(
  destination: DestinationStream = pino.destination({ fd: 1, sync: false }),
  level = 'info',
): FolioLogger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED, censor: '[redacted]' },
    },
    destination,
  );
}

/** A logger that drops everything (the default of openContext; `npm start` passes a real one). */
export function silentLogger(): FolioLogger {
  return pino({ level: 'silent' });
}
