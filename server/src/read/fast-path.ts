import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import {
  getArgumentValues,
  getVariableValues,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Context } from '../context';
import type { Principal } from '../auth/principal';
import type { GraphQLRequestShape } from '../auth/protection.plugin';
import { checkArgs } from '../common/input-guard';
import type { ObjectSql } from './compile';
import { collect } from './compile';
import { compiledReadsEnabled, READ_CONNECTION, readPathOf, readStats, type Lookup, type RootRunner } from './install';
import type { ReadConnection } from './read.sql';

/**
 * A query whose every root field compiles is answered without graphql-js's execution:
 * after Apollo has parsed, validated and the protection plugin has checked the operation
 * (didResolveOperation), the root statements run (one each) and their JSON, already shaped
 * as the response (response keys, selection order), is the `data`. Anything else — a
 * mutation, a field the compiler does not know, an error — returns null here and runs
 * through the resolvers, which then produce the usual response and errors.
 */
type Root =
  | { key: string; keyJson: string; typename: true }
  | {
      key: string;
      /** The response key as JSON (written before the statement's JSON). */
      keyJson: string;
      /** The response up to this field's value, when it is the only root field. */
      prefix: string;
      field: GraphQLField<unknown, unknown>;
      node: FieldNode;
      runner: RootRunner;
      build: ObjectSql;
    };

export function compiledReadsPlugin(known?: KnownReads): ApolloServerPlugin<Context> {
  const plans = new WeakMap<OperationDefinitionNode, Root[] | null>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const operation = rc.operation;
          if (!operation || operation.operation !== 'query' || !compiledReadsEnabled()) return null;
          const path = readPathOf(rc.schema);
          if (!path) return null;
          let roots = plans.get(operation);
          if (roots === undefined) {
            roots = planOf(rc.schema.getQueryType()!.getFields(), operation, rc.document.definitions, path);
            plans.set(operation, roots);
          }
          if (!roots) return null;
          // Parsed, validated and checked by Apollo: the same text can be answered before Apollo next time (directReads).
          if (known && rc.source) known.remember(rc.source, rc.request.operationName, { operation, roots });
          try {
            const values = await runRoots(rc.schema, operation, roots, rc.request.variables, rc.contextValue, false);
            if (!values) return null;
            const data: Record<string, unknown> = {};
            roots.forEach((r, i) => {
              data[r.key] = values[i];
            });
            readStats.compiled += roots.length;
            readStats.fast++;
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: { data } },
            };
          } catch {
            return null; // the resolvers run it again and report the error as graphql-js does
          }
        },
      };
    },
  };
}

/**
 * The coerced and checked arguments of each root field (undefined for `__typename`); null when
 * the variables do not coerce; throws the argument guard's refusal.
 */
function rootArguments(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  roots: Root[],
  given: Record<string, unknown> | undefined | null,
): (Record<string, unknown> | undefined)[] | null {
  let variables: Record<string, unknown> = {};
  if (operation.variableDefinitions?.length) {
    const coerced = getVariableValues(schema, operation.variableDefinitions, given ?? {});
    if (coerced.errors) return null;
    variables = coerced.coerced;
  }
  // Every argument is coerced and checked before the first statement is sent.
  return roots.map((r) => {
    if ('typename' in r) return undefined;
    const a = getArgumentValues(r.field, r.node, variables);
    // The same argument checks as the guarded resolvers (common/input-guard.ts); a refusal falls back to them.
    checkArgs(r.field.args, a, `Query.${r.field.name}`, undefined);
    return a;
  });
}

/** The root statements of a planned operation, run side by side; null when the variables do not coerce. */
async function runRoots(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  roots: Root[],
  given: Record<string, unknown> | undefined | null,
  ctx: Context,
  asText: boolean,
): Promise<unknown[] | null> {
  const args = rootArguments(schema, operation, roots, given);
  if (!args) return null;
  return Promise.all(
    roots.map((r, i) =>
      'typename' in r ? (asText ? '"Query"' : 'Query') : r.runner.run(r.build, args[i]!, ctx, asText),
    ),
  );
}

interface Known {
  operation: OperationDefinitionNode;
  roots: Root[];
}

/**
 * Query texts Apollo has parsed, validated and answered through the compiled path (per
 * operation name), so that the next request with the same text is answered before Apollo:
 * parsing, validation and the plan depend on the text alone. The last 500, of at most 64 KB each.
 */
export class KnownReads {
  private readonly entries = new Map<string, Known>();
  constructor(
    private readonly max = 500,
    private readonly maxSource = 64 * 1024,
  ) {}

  remember(source: string, operationName: string | null | undefined, known: Known): void {
    if (source.length > this.maxSource) return;
    const key = `${operationName ?? ''}\n${source}`;
    if (this.entries.has(key)) return;
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, known);
  }

  get(source: string, operationName: string | null | undefined): Known | undefined {
    return this.entries.get(`${operationName ?? ''}\n${source}`);
  }
}

export interface DirectReadsOptions {
  known: KnownReads;
  schema: GraphQLSchema;
  /** Who asks (the same cached lookup as the GraphQL context); a rejection is answered by Apollo. */
  principalOf(req: IncomingMessage): Promise<Principal | null>;
  /** The protection plugin's check (who may ask what, and how much); a refusal is answered by Apollo. */
  check(body: GraphQLRequestShape, principal: Principal | null): void;
  /** The request's context, as Apollo's would be. */
  context(req: IncomingMessage, principal: Principal | null): Context;
  /** The compression middleware, called for a body large enough to be compressed (it calls `send`). */
  compress(req: IncomingMessage, res: ServerResponse, send: () => void): void;
  /** Where a statement that needs no entity manager of its own runs (the known reads' pool). */
  connection: ReadConnection;
  /** The principal of the request's credentials when it is cached (no promise, no statement); else undefined. */
  cachedPrincipalOf?(req: IncomingMessage): Principal | undefined;
}

/** Below this many bytes the compression middleware sends a body as it is (its default threshold). */
export const COMPRESS_FROM = 1024;

const BODY_KEYS = new Set(['query', 'variables', 'operationName']);

/** A request body that is a known compiled read, with what answering it needs. */
export interface KnownRead {
  body: GraphQLRequestShape & { query: string };
  known: Known;
  variables: Record<string, unknown> | undefined;
}

/**
 * The known compiled read a POST body asks for, or null (then Apollo answers it): the plain
 * `{query, variables?, operationName?}` shape, an Accept header that takes JSON, a query text
 * Apollo has answered through the compiled path before.
 */
export function knownReadOf(known: KnownReads, body: unknown, accept: string | undefined): KnownRead | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  if (typeof b.query !== 'string') return null;
  for (const k in b) if (!BODY_KEYS.has(k)) return null;
  const { variables, operationName } = b;
  if (operationName != null && typeof operationName !== 'string') return null;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return null;
  if (accept !== undefined && accept !== '*/*' && accept !== 'application/json') return null;
  const k = known.get(b.query, operationName as string | undefined);
  if (!k) return null;
  return {
    body: b as unknown as KnownRead['body'],
    known: k,
    variables: variables as Record<string, unknown> | undefined,
  };
}

/**
 * Answers a known compiled read before Apollo (issue #12: no fixed cost per request): a POST
 * whose query text Apollo has already parsed, validated and answered through the compiled path.
 * The same steps as that path, in the same order: sign-in, the protection check, variable
 * coercion, the argument checks, one statement per root field; the statements' JSON text is
 * the response as it is. Anything else — another body shape, an Accept header asking for
 * another media type, a refusal, an error — goes on to Apollo (`next()`), which answers it
 * exactly as before; nothing has been written then. The front door (front-door.ts) answers
 * most of them before Express; this middleware answers the rest (another URL spelling, a
 * chunked body…) and leaves alone what the front door has tried.
 */
export function directReads(o: DirectReadsOptions): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    if (req.method !== 'POST' || !compiledReadsEnabled() || triedBefore(req)) return next();
    const read = knownReadOf(o.known, req.body, req.headers.accept);
    if (!read) return next();
    answerKnownRead(o, req, read).then(
      (text) => {
        if (text === null) return next();
        const send = () => {
          res.statusCode = 200;
          res.setHeader('content-type', JSON_TYPE);
          res.send(text);
        };
        if (compressible(text)) o.compress(req, res, send);
        else {
          res.setHeader('vary', 'Accept-Encoding'); // as the compression middleware says of every response
          send();
        }
      },
      () => next(),
    );
  };
}

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether the compression middleware would compress this body (its threshold, in bytes). */
export const compressible = (text: string) =>
  text.length >= COMPRESS_FROM / 3 && Buffer.byteLength(text) >= COMPRESS_FROM;

const TRIED = Symbol('known read tried');
/** The front door tried this request as a known read (and handed it on): not again. */
export function markTried(req: IncomingMessage): void {
  (req as IncomingMessage & { [TRIED]?: true })[TRIED] = true;
}
const triedBefore = (req: IncomingMessage) => (req as IncomingMessage & { [TRIED]?: true })[TRIED] === true;

/**
 * The lane without promises (issue #12: a small request's fixed cost): a known read of one root
 * field that is a lookup by id or by point, from credentials whose principal is cached. The same
 * steps as answerKnownRead, in the same order, with the statement sent to the pool with a
 * callback. Returns false when the request is not for this lane (then answerKnownRead);
 * otherwise `done` gets the response text, or null for Apollo to answer (a refusal, an error).
 */
export function answerLookupNow(
  o: DirectReadsOptions,
  req: IncomingMessage,
  read: KnownRead,
  done: (text: string | null) => void,
): boolean {
  const roots = read.known.roots;
  const root = roots[0]!;
  const send = o.connection.send;
  if (roots.length !== 1 || 'typename' in root || !root.runner.lookup || !send || !o.cachedPrincipalOf) return false;
  const principal = o.cachedPrincipalOf(req);
  if (!principal) return false;
  let lookup: Lookup;
  try {
    o.check(read.body, principal);
    const args = rootArguments(o.schema, read.known.operation, roots, read.variables);
    if (!args) {
      done(null);
      return true;
    }
    lookup = root.runner.lookup(root.build, args[0]!);
  } catch {
    done(null);
    return true;
  }
  if ('answer' in lookup) {
    answered(1);
    done(`${root.prefix}${lookup.answer}}}\n`);
    return true;
  }
  send.call(o.connection, lookup.text, lookup.params, (error, value) => {
    if (error) return done(null);
    answered(1);
    done(`${root.prefix}${(value as string | undefined) ?? lookup.none}}}\n`);
  });
  return true;
}

function answered(roots: number): void {
  readStats.compiled += roots;
  readStats.direct++;
}

/** The response text of a known read, or null when it is to be answered by Apollo (a rejection too). */
export async function answerKnownRead(
  o: DirectReadsOptions,
  req: IncomingMessage,
  read: KnownRead,
): Promise<string | null> {
  const principal = await o.principalOf(req);
  o.check(read.body, principal);
  const ctx = o.context(req, principal);
  (ctx as Context & { [READ_CONNECTION]?: ReadConnection })[READ_CONNECTION] = o.connection;
  const roots = read.known.roots;
  const values = await runRoots(o.schema, read.known.operation, roots, read.variables, ctx, true);
  if (!values) return null;
  answered(roots.length);
  let text = '{"data":{';
  for (let i = 0; i < roots.length; i++) text += `${i ? ',' : ''}${roots[i]!.keyJson}:${values[i] as string}`;
  return `${text}}}\n`;
}

function planOf(
  fields: Record<string, GraphQLField<unknown, unknown>>,
  operation: OperationDefinitionNode,
  definitions: readonly { kind: string }[],
  path: NonNullable<ReturnType<typeof readPathOf>>,
): Root[] | null {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION)
      fragments[(d as FragmentDefinitionNode).name.value] = d as FragmentDefinitionNode;
  if (operation.directives?.length) return null;
  const collected = new Map<string, FieldNode[]>();
  if (!collect('Query', operation.selectionSet, fragments, collected)) return null;
  const roots: Root[] = [];
  for (const [key, nodes] of collected) {
    const name = nodes[0]!.name.value;
    if (name === '__typename') {
      roots.push({ key, keyJson: JSON.stringify(key), typename: true });
      continue;
    }
    const runner = path.runners.get(name);
    const field = fields[name];
    // The same field twice under one key with different arguments is refused by validation; take the first node's.
    const build = runner && field ? path.plan(nodes, fragments, runner.typeName) : null;
    if (!runner || !field || !build) return null;
    const keyJson = JSON.stringify(key);
    roots.push({ key, keyJson, prefix: `{"data":{${keyJson}:`, field, node: nodes[0]!, runner, build });
  }
  return roots.length ? roots : null;
}
