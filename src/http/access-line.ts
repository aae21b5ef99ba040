import { symbols, type Level, type Logger } from 'pino';

/** What one access-log line says about one request. */
export interface AccessEntry {
  id: string;
  method: string;
  url: string;
  statusCode: number;
  responseTimeMs: number;
  /** The authenticated user, when there was one. */
  userId: string | undefined;
  message: 'request completed' | 'request aborted';
}

/** Writes one access-log line at a level; a level the logger has disabled writes nothing. */
export type AccessLineWriter = (level: Level, entry: AccessEntry) => void;

/** The pino internals a line is assembled from; pino exports their keys as `symbols`. */
interface PinoParts {
  stream: { write(line: string): unknown };
  levelPrefixes: Record<number, string>;
  time: () => string;
  bindings: string;
  messageKey: string;
  end: string;
}

/**
 * Writes the access log's fixed-shape line straight to `logger`'s destination, assembled from
 * the logger's own parts (level prefix, time function, bindings, message key, line end), so it
 * reads exactly as `logger[level]({req, res, responseTime, userId}, message)` would write it.
 *
 * Why not that call: pino's general path (walking the object, serializers, stringifying each
 * nested object) was a sixth of a `/health` request's CPU time under load; this line has one
 * shape and only strings that need escaping. What it skips: `formatters.log`, `mixin`,
 * `hooks.logMethod` and redaction, none of which this service's logger sets for these fields
 * (they hold no credential). A test holds the line equal to pino's own.
 */
export function accessLineWriter(logger: Logger): AccessLineWriter {
  const parts = pinoParts(logger);
  return (level, entry) => {
    if (!logger.isLevelEnabled(level)) return;
    const user = entry.userId === undefined ? '' : `,"userId":${JSON.stringify(entry.userId)}`;
    parts.stream.write(
      `${parts.levelPrefixes[logger.levels.values[level]!]}${parts.time()}${parts.bindings}` +
        `,"req":{"id":${JSON.stringify(entry.id)},"method":${JSON.stringify(entry.method)},"url":${JSON.stringify(entry.url)}}` +
        `,"res":{"statusCode":${entry.statusCode}},"responseTime":${entry.responseTimeMs}${user}` +
        `,${JSON.stringify(parts.messageKey)}:${JSON.stringify(entry.message)}${parts.end}`,
    );
  };
}

function pinoParts(logger: Logger): PinoParts {
  const internals = logger as unknown as Record<symbol, unknown>;
  return {
    stream: internals[symbols.streamSym] as PinoParts['stream'],
    levelPrefixes: internals[symbols.lsCacheSym] as Record<number, string>,
    time: (internals[symbols.timeSym] as () => string).bind(logger),
    bindings: internals[symbols.chindingsSym] as string,
    messageKey: internals[symbols.messageKeySym] as string,
    end: internals[symbols.endSym] as string,
  };
}
