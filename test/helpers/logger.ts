import type { EceLogger } from '../../src/index.js';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

/** Creates a logger that records every call, for assertions. */
export function createRecordingLogger(): EceLogger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const record =
    (level: LogEntry['level']) => (fields: Record<string, unknown>, message: string) => {
      entries.push({ level, fields, message });
    };

  return {
    entries,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
}
