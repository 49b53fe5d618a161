import {
  defaultFieldResolver, GraphQLObjectType,
  type FieldNode, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema,
} from 'graphql';
import type { MetadataStorage } from '@mikro-orm/core';
import type { Context } from '../common/context';
import type { EntityService } from '../common/entity.service';
import type { ListArgs } from '../common/list.inputs';
import { checkPoint } from '../common/geometry.service';
import { readQuery as query } from './read.sql';
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
 * otherwise.
 */

/** Root response keys answered by compiled SQL in this request. */
const COMPILED = Symbol('compiled reads');
type Marked = Context & { [COMPILED]?: Set<string | number> };

const installed = new WeakSet<GraphQLSchema>();
let enabled = true;
/** How many root fields took each path (for tests and diagnostics). */
export const readStats = { compiled: 0, resolvers: 0 };
/** Turns the compiled path off and on (the tests compare it with the resolvers in one process). */
export function setCompiledReads(on: boolean): void {
  enabled = on;
}

type Plan = ObjectSql | null;

export interface ReadPath {
  compiler: ReadCompiler;
  /** The compiled object builder for a root field's selection (cached per document node), or null. */
  plan(info: GraphQLResolveInfo, typeName: string): Plan;
}

export function installCompiledReads(schema: GraphQLSchema, metadata: MetadataStorage): void {
  if (installed.has(schema) || process.env.COMPILED_READS === '0') return;
  installed.add(schema);
  const compiler = new ReadCompiler(schema, metadata);
  const cache = new WeakMap<FieldNode, Plan>();
  const plan = (info: GraphQLResolveInfo, typeName: string): Plan => {
    if (!enabled) return null;
    const node = info.fieldNodes[0]!;
    let p = cache.get(node);
    if (p === undefined) {
      p = compiler.compile(typeName, info.fieldNodes, info.fragments);
      cache.set(node, p);
    }
    return p;
  };

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
  if (!queryType) return;
  for (const [typeName, model] of Object.entries(READ_MODEL)) {
    const fields = queryType.getFields();
    const one = fields[typeName];
    const all = fields[`all${model.plural}`];
    if (one?.resolve) one.resolve = compiledOne(model, typeName, one.resolve, plan);
    if (all?.resolve) all.resolve = compiledList(model, typeName, all.resolve, plan);
  }
  const gridAt = queryType.getFields().gridAt;
  if (gridAt?.resolve) gridAt.resolve = compiledGridAt(gridAt.resolve, plan);
}

function rootKey(info: GraphQLResolveInfo): string | number {
  let p = info.path;
  while (p.prev) p = p.prev;
  return p.key;
}

function mark(ctx: Marked, info: GraphQLResolveInfo): void {
  readStats.compiled++;
  (ctx[COMPILED] ??= new Set()).add(info.path.key);
}

type Resolve = GraphQLFieldResolver<unknown, Context>;
type PlanFn = (info: GraphQLResolveInfo, typeName: string) => Plan;

const service = (ctx: Context, model: TypeModel) =>
  (ctx.services as unknown as Record<string, EntityService<any, any, any, any>>)[model.service]!;

function compiledOne(model: TypeModel, typeName: string, own: Resolve, plan: PlanFn): Resolve {
  return async (parent, args, ctx, info) => {
    const build = plan(info, typeName);
    if (!build) return readStats.resolvers++, own(parent, args, ctx, info);
    // As EntityService.find: an id that is no positive integer finds nothing.
    const n = Number(args.id);
    if (!Number.isSafeInteger(n) || n <= 0) return null;
    const [row] = await query<{ j: unknown }>(ctx.em, `select ${build('e')} as j from ${model.table} e where e.id = ?`, [n]);
    mark(ctx, info);
    return row?.j ?? null;
  };
}

function compiledList(model: TypeModel, typeName: string, own: Resolve, plan: PlanFn): Resolve {
  return async (parent, args, ctx, info) => {
    const build = plan(info, typeName);
    if (!build) return readStats.resolvers++, own(parent, args, ctx, info);
    const { filter, ...list } = args as ListArgs & { filter?: object | null };
    const { where, orderBy, perPage, page } = await service(ctx, model).pageQuery(list, filter ?? undefined);
    // The page is chosen first (the same statement as EntityService.list), then its JSON is built in the same order.
    const [row] = await query<{ j: unknown }>(
      ctx.em,
      `select coalesce(json_agg(${build('e')} order by ${orderBy}), '[]'::json) as j
       from (select e.* from ${model.table} e where ${where.toSql()} order by ${orderBy} limit ? offset ?) e`,
      [...where.params, perPage, page * perPage],
    );
    mark(ctx, info);
    return row?.j ?? [];
  };
}

function compiledGridAt(own: Resolve, plan: PlanFn): Resolve {
  return async (parent, args, ctx, info) => {
    const build = plan(info, 'Grid');
    if (!build) return readStats.resolvers++, own(parent, args, ctx, info);
    const [x, y] = checkPoint([args.lng as number, args.lat as number]);
    // GRID_SQL.at: the grids containing the point (boundary included), smallest first.
    const [row] = await query<{ j: unknown }>(
      ctx.em,
      `select coalesce(json_agg(${build('e')} order by ST_Area(e.geom), e.id), '[]'::json) as j
       from grid e where ST_Intersects(e.geom, ST_SetSRID(ST_Point(?, ?), 4326))`,
      [x, y],
    );
    mark(ctx, info);
    return row?.j ?? [];
  };
}
