import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  Float,
  ID,
  Mutation,
  Query,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { Context } from '../context';
import type { BaseFilterShape, EntityService, UpdateShape, Versioned } from './entity.service';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { ListArgs, ListMetadata } from '../common/list.inputs';

export interface CrudOptions<T extends Versioned, F extends BaseFilterShape, C extends object, U extends UpdateShape> {
  type: ClassType<T>;
  /** Singular type name, e.g. Grid → Grid, allGrids, _allGridsMeta, createGrid, updateGrid, deleteGrid. */
  name: string;
  plural: string;
  filter: ClassType<F>;
  createArgs: ClassType<C>;
  updateArgs: ClassType<U>;
  service: (ctx: Context) => EntityService<T, F, C, U>;
  /** Table with a `geom` column: adds geometry, areaM2 and centroid fields. */
  geometryTable?: string;
}

/**
 * The ra-data-graphql-simple operations for one type, so react-admin needs no
 * hand-written data provider. Thin: every decision is in the service.
 */
export function createCrudResolver<
  T extends Versioned,
  F extends BaseFilterShape,
  C extends object,
  U extends UpdateShape,
>(o: CrudOptions<T, F, C, U>) {
  @Resolver(() => o.type)
  abstract class CrudResolver {
    @Query(() => o.type, {
      name: o.name,
      nullable: true,
      description: `One ${o.name} by id (null when there is none).`,
    })
    async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<T | null> {
      return o.service(ctx).find(id);
    }

    @Query(() => [o.type], { name: `all${o.plural}`, description: `A page of ${o.plural}, filtered and sorted.` })
    async all(
      @Args(() => ListArgs) list: ListArgs,
      @Arg('filter', () => o.filter, { nullable: true }) filter: F | undefined,
      @Ctx() ctx: Context,
    ): Promise<T[]> {
      return o.service(ctx).list(list, filter ?? undefined);
    }

    @Query(() => ListMetadata, { name: `_all${o.plural}Meta` })
    async meta(
      @Args(() => ListArgs) _list: ListArgs,
      @Arg('filter', () => o.filter, { nullable: true }) filter: F | undefined,
      @Ctx() ctx: Context,
    ): Promise<ListMetadata> {
      return { count: await o.service(ctx).count(filter ?? undefined) };
    }

    @Mutation(() => o.type, { name: `create${o.name}` })
    async create(@Args(() => o.createArgs) args: C, @Ctx() ctx: Context): Promise<T> {
      const created = await o.service(ctx).create(args);
      ctx.loaders.clear();
      return created;
    }

    @Mutation(() => o.type, { name: `update${o.name}` })
    async update(@Args(() => o.updateArgs) args: U, @Ctx() ctx: Context): Promise<T> {
      const updated = await o.service(ctx).update(args);
      ctx.loaders.clear();
      return updated;
    }

    @Mutation(() => o.type, { name: `delete${o.name}`, description: 'Deletes and returns the record as it was.' })
    async delete(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<T> {
      const deleted = await o.service(ctx).delete(id);
      ctx.loaders.clear();
      return deleted;
    }
  }

  if (!o.geometryTable) return CrudResolver;
  const table = o.geometryTable;

  @Resolver(() => o.type)
  abstract class GeometryResolver extends CrudResolver {
    @FieldResolver(() => GeoJSONScalar, {
      nullable: true,
      description: 'The boundary as GeoJSON (MultiPolygon, EPSG:4326).',
    })
    async geometry(@Root() row: T, @Ctx() ctx: Context): Promise<Geometry | null> {
      return (await ctx.loaders.geometry(table, row.id)).geometry;
    }

    @FieldResolver(() => Float, {
      nullable: true,
      description: 'Area in square metres, computed on the spheroid (geography).',
    })
    async areaM2(@Root() row: T, @Ctx() ctx: Context): Promise<number | null> {
      return (await ctx.loaders.geometry(table, row.id)).areaM2;
    }

    @FieldResolver(() => GeoJSONScalar, { nullable: true, description: 'The centroid as a GeoJSON Point.' })
    async centroid(@Root() row: T, @Ctx() ctx: Context): Promise<Geometry | null> {
      return (await ctx.loaders.geometry(table, row.id)).centroid;
    }
  }
  return GeometryResolver;
}
