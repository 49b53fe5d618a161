import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import {
  answerKnownRead,
  answerLookupNow,
  COMPRESS_FROM,
  JSON_TYPE,
  knownReadOf,
  markTried,
  type DirectReadsOptions,
  type KnownRead,
} from './fast-path';
import { readStats } from './install';

/**
 * The front door of the HTTP server (issue #12: the fixed cost of a small request): a known
 * compiled read (fast-path.ts) is answered here, before Express — no router, no body-parser
 * stack, no `res.send` — and written in one `res.end`. Everything else goes to Express
 * untouched, and so does a request this door has looked at and cannot answer, with the body
 * it read (`req.body`, as Express's JSON parser would have left it) or the parse error that
 * parser would have raised (`bodyError`), so that every answer but the direct one is Express's
 * and Apollo's, as before.
 *
 * Only what is unambiguous is read here: `POST /graphql` spelled exactly so, `Content-Type:
 * application/json` (UTF-8), no `Content-Encoding`, a `Content-Length` within the body limit
 * (a larger or chunked body goes to Express, which refuses or reads it as before), an
 * `Accept` that takes JSON.
 */
export interface FrontDoorOptions {
  direct: DirectReadsOptions;
  /** Whether known reads may be answered now (compiled reads on; off with read replicas). */
  open(): boolean;
  /** MAX_BODY_SIZE in bytes (null: the door reads no body). */
  maxBodyBytes: number | null;
  /** The request log line of a direct answer: the same fields as every request's. */
  logged(req: IncomingMessage, status: number, ms: number): void;
  /** Express. */
  next: RequestListener;
}

/** A body larger than this goes to Express even within MAX_BODY_SIZE (a known read's text is at most 64 KB). */
const MAX_READ = 1 << 20;

const BODY_ERROR = Symbol('body parse error');
type Read = IncomingMessage & { body?: unknown; [BODY_ERROR]?: Error };

/** The JSON parser's error for a body this door read and could not parse (Express passes it on as its parser would). */
export function bodyErrorOf(req: IncomingMessage): Error | undefined {
  return (req as Read)[BODY_ERROR];
}

export function frontDoor(o: FrontDoorOptions): RequestListener {
  const limit = Math.min(o.maxBodyBytes ?? 0, MAX_READ);
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/graphql' || !o.open()) return o.next(req, res);
    const h = req.headers;
    const type = h['content-type'];
    if (type !== 'application/json' && type !== 'application/json; charset=utf-8') return o.next(req, res);
    if (h['content-encoding'] !== undefined || h['transfer-encoding'] !== undefined) return o.next(req, res);
    const accept = h.accept;
    if (accept !== undefined && accept !== '*/*' && accept !== 'application/json') return o.next(req, res);
    const length = Number(h['content-length']);
    if (!(length > 0 && length <= limit)) return o.next(req, res);
    const start = performance.now();
    req.on('error', ignore); // a client that goes away mid-body: nothing to answer
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    req.on('data', (c: Buffer) => {
      if (!first) first = c;
      else (chunks ??= [first]).push(c);
    });
    req.on('end', () => {
      const buf = chunks ? Buffer.concat(chunks) : first!;
      const body = parseBody(buf.toString('utf8'));
      markTried(req);
      if (body instanceof Error) {
        (req as Read)[BODY_ERROR] = body;
        return o.next(req, res);
      }
      (req as Read).body = body;
      const read = knownReadOf(o.direct.known, body, accept);
      if (!read) return o.next(req, res);
      respond(o, req, res, read, start);
    });
  };
}

function respond(o: FrontDoorOptions, req: IncomingMessage, res: ServerResponse, read: KnownRead, start: number) {
  const write = (text: string | null) => {
    if (text === null) return o.next(req, res);
    readStats.front++;
    // A body of 1,000 characters or more goes out as one Buffer, as res.send sends it (one UTF-8 encoding).
    const body = text.length < 1000 ? text : Buffer.from(text);
    const length = typeof body === 'string' ? Buffer.byteLength(body) : body.length;
    if (length >= COMPRESS_FROM) {
      o.direct.compress(req, res, () => {
        res.statusCode = 200;
        res.setHeader('content-type', JSON_TYPE);
        // As res.send: the middleware drops it when it compresses.
        res.setHeader('content-length', length);
        res.end(body);
        o.logged(req, 200, performance.now() - start);
      });
      return;
    }
    // The headers Express and the compression middleware gave a small direct answer, in one write.
    res.writeHead(200, ['content-type', JSON_TYPE, 'vary', 'Accept-Encoding', 'content-length', `${length}`]);
    res.end(body);
    o.logged(req, 200, performance.now() - start);
  };
  if (answerLookupNow(o.direct, req, read, write)) return;
  answerKnownRead(o.direct, req, read).then(write, () => o.next(req, res));
}

/**
 * As Express's JSON parser (body-parser, strict): a leading byte-order mark dropped (its UTF-8
 * decoder does), only an object or an array, else its 400 `entity.parse.failed` error.
 */
function parseBody(text: string): unknown {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const first = text[0] === '{' ? '{' : /^[ \t\n\r]*([^ \t\n\r]|$)/.exec(text)?.[1];
  if (text.length && first !== '{' && first !== '[') return parseError(`Unexpected token ${first} in JSON`, text);
  try {
    return text.length ? JSON.parse(text) : {};
  } catch (e) {
    return parseError((e as Error).message, text);
  }
}

function parseError(message: string, body: string): Error {
  return Object.assign(new SyntaxError(message), {
    status: 400,
    statusCode: 400,
    expose: true,
    type: 'entity.parse.failed',
    body,
  });
}

const ignore = () => {};
