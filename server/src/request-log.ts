import pino, { type Logger } from 'pino';

/** Writes one request's log line: method, URL (its first 200 characters), status and milliseconds. */
export type RequestLog = (method: string | undefined, url: string, status: number, ms: number) => void;

type Internals = Record<symbol, unknown>;
const S = pino.symbols as unknown as Record<string, symbol>;
const FIELDS = ['method', 'url', 'status', 'ms'];

/**
 * Every request is logged: `log.info({ method, url, status, ms }, 'request')`. This writes that
 * line as pino writes it (its level string, time, bindings, message key and prefix, its line end)
 * in one string into the logger's destination (batched: main.ts), without the object and the
 * walk over its keys per request (issue #12: a small request's fixed cost). A logger for which
 * pino would write anything else — a mixin, a log formatter, a write hook, serializers,
 * stringifiers or redaction, a nested key, a multistream — gets `log.info` itself.
 */
export function requestLog(log: Logger): RequestLog {
  const info: RequestLog = (method, url, status, ms) =>
    log.info({ method, url: url.slice(0, 200), status, ms: Math.round(ms * 10) / 10 }, 'request');
  const l = log as unknown as Internals;
  const formatters = l[S.formattersSym!] as { log?: unknown } | undefined;
  const hooks = l[S.hooksSym!] as { streamWrite?: unknown } | undefined;
  const serializers = (l[S.serializersSym!] ?? {}) as Record<string, unknown>;
  const stringifiers = (l[S.stringifiersSym!] ?? {}) as Record<string | symbol, unknown>;
  const stream = l[S.streamSym!] as { write(s: string): unknown; [k: symbol]: unknown } | undefined;
  const lsCache = l[S.lsCacheSym!] as Record<number, string> | undefined;
  const time = l[S.timeSym!] as (() => string) | undefined;
  const plain =
    !l[S.mixinSym!] &&
    !formatters?.log &&
    !hooks?.streamWrite &&
    !l[S.nestedKeySym!] &&
    FIELDS.every((k) => !serializers[k] && !stringifiers[k]) &&
    !serializers.msg &&
    !stringifiers[S.wildcardFirstSym!] &&
    Object.keys(stringifiers).length === 0 &&
    stream !== undefined &&
    stream[S.needsMetadataGsym!] !== true &&
    typeof lsCache?.[30] === 'string' &&
    typeof time === 'function';
  if (!plain) return info;
  const messageKey = l[S.messageKeySym!] as string;
  const end = l[S.endSym!] as string;
  const message = `,"${messageKey}":${JSON.stringify(`${(l[S.msgPrefixSym!] as string | undefined) ?? ''}request`)}${end}`;
  return (method, url, status, ms) => {
    if (method === undefined) return info(method, url, status, ms);
    if (!log.isLevelEnabled('info')) return;
    stream.write(
      `${lsCache[30]}${time.call(log)}${l[S.chindingsSym!] as string},"method":${JSON.stringify(method)},"url":${JSON.stringify(url.length > 200 ? url.slice(0, 200) : url)},"status":${status},"ms":${Math.round(ms * 10) / 10}${message}`,
    );
  };
}
