import type { EceLogger, LogMethod } from '../index.js';
import type { Diagnostics } from './io.js';

const noop: LogMethod = () => {};

/**
 * A phrase of the client's warning for `tls.rejectUnauthorized: false`, which names client
 * options. The command prints insecureWarning instead. A unit test checks that the phrase
 * still occurs in the library's source.
 */
export const clientInsecureWarningPhrase = 'tls.rejectUnauthorized is false';

/** Fields that the log message already names. */
const fieldsInMessage = new Set(['method', 'url']);

function formatFields(fields: Record<string, unknown>): string {
  const extraFields = Object.fromEntries(
    Object.entries(fields).filter(([name]) => !fieldsInMessage.has(name)),
  );

  return Object.keys(extraFields).length > 0 ? ` ${JSON.stringify(extraFields)}` : '';
}

/**
 * Creates the client's logger: warnings and errors always go to stderr, debug and info
 * lines only with `--verbose`. It drops the client's warning for `--insecure`, which the
 * command words itself. The client replaces credential headers with `[REDACTED]`,
 * and the diagnostics redact every known secret once more.
 */
export function createCliLogger(diagnostics: Diagnostics, verbose: boolean): EceLogger {
  const debug: LogMethod = (fields, message) =>
    diagnostics.debug(`${message}${formatFields(fields)}`);

  return {
    debug: verbose ? debug : noop,
    info: verbose ? debug : noop,
    warn: (_fields, message) => {
      if (!message.includes(clientInsecureWarningPhrase)) diagnostics.warn(message);
    },
    error: (_fields, message) => diagnostics.error(message),
  };
}
