import {
  defaultFieldResolver,
  GraphQLObjectType,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import type { MetadataStorage } from '@mikro-orm/core';
import type { Context } from '../context';
import type { EntityService } from '../crud/entity.service';
import type { ListArgs } from '../common/list.inputs';
import { checkPoint } from '../common/geometry.service';
import { readConnectionOf, readQuery as query, type ReadConnection } from './read.sql';
import { ReadCompiler, type ObjectSql } from './compile';
import { READ_MODEL, type TypeModel } from './read.model';

/**
 * Read queries compiled to SQL: every root field that lists, finds or looks up records
 * (`allGrids`, `Grid(id)`, `gridAt`…) is answered by ONE statement that builds the JSON of
 * its whole selection, when the compiler knows every field in it. Filters, sorting, paging
 * and their checks are the services' own (EntityService.pageQuery / where); anything the
 * compiler does not know runs through the resolvers exactly as before.
 *
 * Wired onto the built schema (no resolver class changes): the root fields get a resolver
 * that tries the compiled path first; the fields of the record types read the response key
 * from the compiled JSON when their root field was compiled, and call their own resolver
 * otherwise. When every root field of a query compiles, fast-path.ts answers it without
 * graphql-js's execution at all.
 */

/**
 * On a context: where a lookup by id or by point runs (the known reads' pool: no entity
 * manager of the request's own is made for it; read/fast-path.ts directReads).
 */
export const READ_CONNECTION = Symbol('read connection');
const connectionOf = (ctx: Context): ReadConnection =>
  (ctx as Context & { [READ_CONNECTION]?: ReadConnection })[READ_CONNECTION] ?? readConnectionOf(ctx.em);

/** Root response keys answered by compiled SQL in this request. */
const COMPILED = Symbol('compiled reads');
type Marked = Context & { [COMPILED]?: Set<string | number> };

const installed = new WeakMap<GraphQLSchema, ReadPath>();
let enabled = true;
/**
 * How many root fields took each path, and how many queries skipped graphql-js (fast) or Apollo (direct;
 * `front` of them at the front door, before Express), for tests and diagnostics.
 */
export const readStats = { compiled: 0, resolvers: 0, fast: 0, direct: 0, front: 0 };
/** Turns the compiled path off and on (the tests compare it with the resolvers in one process). */
export function setCompiledReads(on: boolean): void {
  enabled = on;
}
export const compiledReadsEnabled = () => enabled;

/** One compilable root field: how to answer it from its coerced arguments. */
export interface RootRunner {
  typeName: string;
  /** The root field's value; with `asText`, its JSON text as PostgreSQL built it. */
  run(build: ObjectSql, args: Record<string, unknown>, ctx: Context, asText?: boolean): Promise<unknown>;
  /**
   * A lookup by id or by point: its one statement, made from the coerced arguments alone (no
   * context, no entity manager), for the front door's lane without promises (read/front-door.ts).
   */
  lookup?(build: ObjectSql, args: Record<string, unknown>): Lookup;
}

/** The statement of a lookup and its JSON text without a row; or the answer without a statement. */
export type Lookup = { text: string; params: unknown[]; none: string } | { answer: string };

export class ReadPath {
  readonly runners = new Map<string, RootRunner>();
  private readonly cache = new WeakMap<FieldNode, ObjectSql | null>();

  constructor(readonly compiler: ReadCompiler) {}

  /** The compiled object builder of a root field's selection (cached per document node), or null. */
  plan(
    fieldNodes: readonly FieldNode[],
    fragments: Record<string, FragmentDefinitionNode>,
    typeName: string,
  ): ObjectSql | null {
    if (!enabled) return null;
    const node = fieldNodes[0]!;
    let p = this.cache.get(node);
    if (p === undefined) {
      p = this.compiler.compile(typeName, fieldNodes, fragments);
      this.cache.set(node, p);
    }
    return p;
  }
}

export function readPathOf(schema: GraphQLSchema): ReadPath | undefined {
  return installed.get(schema);
}

export function installCompiledReads(schema: GraphQLSchema, metadata: MetadataStorage): ReadPath | undefined {
  if (process.env.COMPILED_READS === '0') return undefined;
  const existing = installed.get(schema);
  if (existing) return existing;
  const path = new ReadPath(new ReadCompiler(schema, metadata));
  installed.set(schema, path);

  // Fields of the record types: from the compiled JSON when the root field was compiled.
  for (const typeName of Object.keys(READ_MODEL)) {
    const type = schema.getType(typeName);
    if (!(type instanceof GraphQLObjectType)) continue;
    for (const field of Object.values(type.getFields())) {
      const own: GraphQLFieldResolver<any, any> = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx: Marked, info) => {
        const compiled = ctx[COMPILED];
        if (compiled && compiled.has(rootKey(info))) return parent[info.path.key];
        return own(parent, args, ctx, info);
      };
    }
  }

  // Root fields: allX, X(id), gridAt.
  const queryType = schema.getQueryType();
  if (!queryType) return path;
  const fields = queryType.getFields();
  for (const [typeName, model] of Object.entries(READ_MODEL)) {
    if (fields[typeName]?.resolve)
      path.runners.set(typeName, {
        typeName,
        run: (b, a, c, t) => runLookup(lookupOne(model, b, a), c, t),
        lookup: (b, a) => lookupOne(model, b, a),
      });
    if (fields[`all${model.plural}`]?.resolve)
      path.runners.set(`all${model.plural}`, { typeName, run: (b, a, c, t) => list(model, b, a, c, t) });
  }
  if (fields.gridAt?.resolve)
    path.runners.set('gridAt', {
      typeName: 'Grid',
      run: (b, a, c, t) => runLookup(lookupGridAt(b, a), c, t),
      lookup: lookupGridAt,
    });
  for (const [name, runner] of path.runners) {
    const field = fields[name]!;
    const own = field.resolve!;
    field.resolve = async (parent, args, ctx: Marked, info: GraphQLResolveInfo) => {
      const build = path.plan(info.fieldNodes, info.fragments, runner.typeName);
      if (!build) {
        readStats.resolvers++;
        return own(parent, args, ctx, info);
      }
      const result = await runner.run(build, args, ctx);
      readStats.compiled++;
      (ctx[COMPILED] ??= new Set()).add(info.path.key);
      return result;
    };
  }
  return path;
}

function rootKey(info: GraphQLResolveInfo): string | number {
  let p = info.path;
  while (p.prev) p = p.prev;
  return p.key;
}

const service = (ctx: Context, model: TypeModel) =>
  (ctx.services as unknown as Record<string, EntityService<any, any, any, any>>)[model.service]!;

/**
 * The statement of a lookup, made once per compiled selection: the same string each time, so
 * the statement caches keyed by it (read.sql.ts) find it without hashing it again.
 */
const statements = new WeakMap<ObjectSql, string>();
function statementOf(build: ObjectSql, make: () => string): string {
  let text = statements.get(build);
  if (text === undefined) statements.set(build, (text = make()));
  return text;
}

/** A lookup's value (parsed, or with `asText` its JSON text) on the context's read connection. */
async function runLookup(l: Lookup, ctx: Context, asText = false): Promise<unknown> {
  const text = 'answer' in l ? l.answer : ((await connectionOf(ctx).value(l.text, l.params, asText)) ?? l.none);
  return asText || typeof text !== 'string' ? text : JSON.parse(text);
}

function lookupOne(model: TypeModel, build: ObjectSql, args: Record<string, unknown>): Lookup {
  // As EntityService.find: an id that is no positive integer finds nothing.
  const n = Number(args.id);
  if (!Number.isSafeInteger(n) || n <= 0) return NOTHING;
  const text = statementOf(build, () => `select ${build('e')} as j from ${model.table} e where e.id = ?`);
  return { text, params: [n], none: 'null' };
}
const NOTHING = { answer: 'null' };

async function list(
  model: TypeModel,
  build: ObjectSql,
  args: Record<string, unknown>,
  ctx: Context,
  asText = false,
): Promise<unknown> {
  const { filter, ...paging } = args as ListArgs & { filter?: object | null };
  const { where, orderBy, perPage, page } = await service(ctx, model).pageQuery(paging, filter ?? undefined);
  // The page is chosen first (the same statement as EntityService.list), then its JSON is built in the same order.
  const [row] = await query<{ j: unknown }>(
    ctx.em,
    `select coalesce(json_agg(${build('e')} order by ${orderBy}), '[]'::json) as j
     from (select e.* from ${model.table} e where ${where.toSql()} order by ${orderBy} limit ? offset ?) e`,
    [...where.params, perPage, page * perPage],
    { asText },
  );
  return row?.j ?? (asText ? '[]' : []);
}

function lookupGridAt(build: ObjectSql, args: Record<string, unknown>): Lookup {
  const [x, y] = checkPoint([args.lng as number, args.lat as number]);
  // GRID_SQL.at: the grids containing the point (boundary included), smallest first.
  const text = statementOf(
    build,
    () => `select coalesce(json_agg(${build('e')} order by ST_Area(e.geom), e.id), '[]'::json) as j
     from grid e where ST_Intersects(e.geom, ST_SetSRID(ST_Point(?, ?), 4326))`,
  );
  return { text, params: [x, y], none: '[]' };
}
