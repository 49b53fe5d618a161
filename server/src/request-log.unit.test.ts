import { Writable } from 'node:stream';
import pino, { type LoggerOptions } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log';

/** The preformatted request line is the line pino writes for `log.info({ method, url, status, ms }, 'request')`. */
function sink() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _e, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

const withoutTime = (line: string) => line.replace(/,"time":("[^"]*"|\d+)/, ',"time":0');

describe('the request log line', () => {
  const cases: [string, LoggerOptions][] = [
    ['defaults', {}],
    ['a message key', { messageKey: 'message' }],
    ['base bindings', { base: { service: 'wz', pid: 7 } }],
    ['a message prefix', { msgPrefix: '[http] ' }],
    ['a mixin', { mixin: () => ({ extra: 1 }) }],
    ['a log formatter', { formatters: { log: (o) => ({ ...o, formatted: true }) } }],
    ['redaction', { redact: ['url'] }],
    ['a serializer', { serializers: { status: (s: number) => `HTTP ${s}` } }],
    ['ISO time', { timestamp: pino.stdTimeFunctions.isoTime }],
    ['level labels', { formatters: { level: (label) => ({ level: label }) } }],
  ];
  for (const [name, options] of cases) {
    it(`is pino's own, byte for byte (${name})`, () => {
      const ours = sink();
      const theirs = sink();
      const log = pino({ level: 'info', ...options }, ours.stream);
      requestLog(log)('POST', '/graphql', 200, 0.4567);
      requestLog(log)('GET', `/api/map/grids.geojson?bbox=${'1,'.repeat(150)}"\\`, 404, 12);
      const reference = pino({ level: 'info', ...options }, theirs.stream);
      reference.info({ method: 'POST', url: '/graphql', status: 200, ms: 0.5 }, 'request');
      reference.info(
        { method: 'GET', url: `/api/map/grids.geojson?bbox=${'1,'.repeat(150)}"\\`.slice(0, 200), status: 404, ms: 12 },
        'request',
      );
      expect(ours.lines.map(withoutTime)).toEqual(theirs.lines.map(withoutTime));
      expect(ours.lines).toHaveLength(2);
    });
  }

  it('is not written below the info level', () => {
    const out = sink();
    const log = pino({ level: 'warn' }, out.stream);
    const write = requestLog(log);
    write('POST', '/graphql', 200, 1);
    log.level = 'info';
    write('POST', '/graphql', 200, 1);
    expect(out.lines).toHaveLength(1);
  });
});
