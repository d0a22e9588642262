/** A log method with pino's argument order: structured fields first, then the message. */
export type LogMethod = (fields: Record<string, unknown>, message: string) => void;

/** A logger such as pino's. The client calls it for requests, retries and warnings. */
export interface EceLogger {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
}

const noop: LogMethod = () => {};

/** A logger that drops everything: the client's default, so that it stays silent. */
export const silentLogger: EceLogger = { debug: noop, info: noop, warn: noop, error: noop };

const secretHeaderNames = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
]);

/** Copies headers for a log line, with the value of every credential header replaced. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => {
    result[name] = secretHeaderNames.has(name) ? '[REDACTED]' : value;
  });

  return result;
}
