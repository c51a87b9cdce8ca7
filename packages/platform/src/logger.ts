import pino, { Logger } from 'pino';

/**
 * One JSON logger per process. Log ids, never personal or medical data:
 * the redaction list is a safety net for fields that slip through.
 */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name: service,
    level,
    base: { service },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'req.headers.authorization',
        'phone',
        '*.phone',
        'medicalHistory',
        '*.medicalHistory',
        'notes',
        '*.notes',
        'diagnosis',
        '*.diagnosis',
      ],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
