import { MetadataStorage } from '@mikro-orm/core';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLFieldResolver,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { entities } from '../db/entities';
import { badInput } from './errors';
import { isConnectionLost } from './db-errors';

/** What the read retry needs of the request context (common/ does not know the composition root's Context). */
interface GuardContext {
  loaders?: { clear(): void };
  log?: { warn(details: object, message: string): void };
}

/** The largest id PostgreSQL's `integer` holds: ids are 1…2³¹−1, digits only. */
export const MAX_ID = 2_147_483_647;
/** `q` filters search with `ilike '%…%'`, which grows faster than the pattern: bounded on every type. */
export const MAX_Q_LENGTH = 200;
/** Strings that map to no column (passwords, sort fields, audit filters…). */
export const MAX_STRING_LENGTH = 1000;
/** Pause before a read's one retry after a lost connection. */
const RETRY_DELAY_MS = 150;
/** Ids in one list argument. */
export const MAX_IDS = 10_000;

export const INPUT_MESSAGES = {
  nul: (path: string) => `${path} contains a NUL character (\\u0000), which cannot be stored.`,
  tooLong: (path: string, max: number, got: number) =>
    `${path} is ${got.toLocaleString('en')} characters long; at most ${max} are allowed.`,
  badId: (path: string, value: string) =>
    `${path}: ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} is not an id (a whole number from 1 to ${MAX_ID}, digits only).`,
  badFindingId: (path: string) => `${path} is not a coverage finding id (e.g. UNSTAFFED_GRID-g42).`,
  tooManyIds: (path: string, n: number) =>
    `${path} lists ${n.toLocaleString('en')} ids; at most ${MAX_IDS.toLocaleString('en')} are allowed.`,
  negativePage: () => 'page must be 0 or more.',
} as const;

const STRICT_ID = /^[1-9][0-9]{0,9}$/;
/** Coverage finding ids are text: kind and subject (UNSTAFFED_GRID-g42, OVERLAP-g3-g7, UNCOVERED_LAND-v12). */
const FINDING_ID = /^[A-Z][A-Z_]{0,40}-[a-z0-9-]{1,60}$/;
/** ID arguments that are not integer ids. */
const TEXT_IDS = new Set(['Query.CoverageFinding.id', 'CoverageFindingFilter.ids', 'RectificationFilter.findingId']);
/** Arguments named differently from the column they fill. */
const ARG_COLUMN: Readonly<Record<string, string>> = { newName: 'name' };

export function parseStrictId(value: unknown, path = 'id'): number {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !STRICT_ID.test(text) || Number(text) > MAX_ID)
    throw badInput(INPUT_MESSAGES.badId(path, String(value)), { field: path });
  return Number(text);
}

/** Column lengths by GraphQL type name and field, from the ORM's entity metadata (`length` of string columns). */
function columnLengths(): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const entity of entities) {
    const meta = MetadataStorage.getMetadataFromDecorator(entity as never) as {
      className?: string;
      properties: Record<string, { length?: number; type?: unknown }>;
    };
    const lengths = new Map<string, number>();
    for (const [name, prop] of Object.entries(meta.properties ?? {}))
      if (typeof prop.length === 'number') lengths.set(name, prop.length);
    out.set((entity as { name: string }).name, lengths);
  }
  return out;
}

interface Check {
  lengths: Map<string, number> | undefined;
}

function checkValue(value: unknown, type: GraphQLInputType, path: string, owner: string, name: string, c: Check): void {
  if (value === null || value === undefined) return;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    if (!Array.isArray(value)) return checkValue(value, t.ofType, path, owner, name, c);
    if (getNamedType(t).name === 'ID' && value.length > MAX_IDS)
      throw badInput(INPUT_MESSAGES.tooManyIds(path, value.length), { field: path });
    value.forEach((v, i) => checkValue(v, t.ofType, `${path}[${i}]`, owner, name, c));
    return;
  }
  if (isInputObjectType(t)) {
    if (typeof value !== 'object') return;
    const fields = t.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const f: GraphQLInputField | undefined = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (f) checkValue(v, f.type, `${path}.${key}`, t.name, key, { lengths: undefined });
    }
    return;
  }
  if (isEnumType(t) || !isScalarType(t)) return;
  if (t.name === 'ID') {
    if (TEXT_IDS.has(`${owner}.${name}`)) {
      if (typeof value !== 'string' || !FINDING_ID.test(value))
        throw badInput(INPUT_MESSAGES.badFindingId(path), { field: path });
    } else parseStrictId(value, path);
    return;
  }
  if (t.name === 'String' && typeof value === 'string') {
    if (value.includes('\u0000')) throw badInput(INPUT_MESSAGES.nul(path), { field: path });
    const column = c.lengths?.get(ARG_COLUMN[name] ?? name);
    const max = name === 'q' ? MAX_Q_LENGTH : (column ?? MAX_STRING_LENGTH);
    if (value.length > max) throw badInput(INPUT_MESSAGES.tooLong(path, max, value.length), { field: path });
    return;
  }
  if (t.name === 'Int' && name === 'page' && typeof value === 'number' && value < 0)
    throw badInput(INPUT_MESSAGES.negativePage(), { field: path });
}

/**
 * Checks every argument of a root field against its GraphQL type, once, before the
 * resolver runs: ids strictly (digits, 1…2³¹−1; coverage finding ids by their pattern),
 * strings without NUL and within their column's length (`q` within 200 everywhere),
 * `page` ≥ 0, at most 10,000 ids in a list. A refusal is BAD_USER_INPUT naming the argument.
 */
export function checkArgs(
  args: readonly GraphQLArgument[],
  values: Record<string, unknown>,
  owner: string,
  lengths: Map<string, number> | undefined,
): void {
  for (const arg of args) {
    if (!Object.hasOwn(values, arg.name)) continue;
    checkValue(values[arg.name], arg.type, arg.name, owner, arg.name, { lengths });
  }
}

/**
 * Wraps every root field of the schema (once, when it is built):
 * - the arguments are checked as above before the resolver runs;
 * - a read (query) that loses its database connection is run once more
 *   (a write is never repeated: it gets UNAVAILABLE from the error formatter).
 * Nested fields are not wrapped, so this costs nothing per row.
 */
const guarded = new WeakSet<GraphQLSchema>();
export function guardSchema(schema: GraphQLSchema): GraphQLSchema {
  if (guarded.has(schema)) return schema;
  guarded.add(schema);
  const lengths = columnLengths();
  for (const root of [schema.getQueryType(), schema.getMutationType()]) {
    if (!root) continue;
    const isQuery = root === schema.getQueryType();
    for (const field of Object.values(root.getFields())) {
      const resolve = field.resolve as GraphQLFieldResolver<unknown, GuardContext> | undefined;
      if (!resolve) continue;
      const entity = isQuery ? undefined : lengths.get(getNamedType(field.type).name);
      const owner = `${root.name}.${field.name}`;
      field.resolve = async (
        source: unknown,
        args: Record<string, unknown>,
        ctx: GuardContext,
        info: GraphQLResolveInfo,
      ) => {
        checkArgs(field.args, args, owner, entity);
        if (!isQuery || info.operation.operation !== 'query') return resolve(source, args, ctx, info);
        try {
          return await resolve(source, args, ctx, info);
        } catch (e) {
          if (!isConnectionLost(e)) throw e;
          ctx.loaders?.clear();
          ctx.log?.warn({ field: field.name }, 'database connection lost during a read; retrying once');
          // Let the pool see the dead connection close first, so the retry gets a live one.
          await new Promise((r) => setTimeout(r, RETRY_DELAY_MS));
          return resolve(source, args, ctx, info);
        }
      };
    }
  }
  return schema;
}
