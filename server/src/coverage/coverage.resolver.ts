import { Arg, Args, Ctx, FieldResolver, Float, ID, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../context';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { ListArgs, ListMetadata } from '../common/list.inputs';
import { intArray, query, queryNamed, textArray } from '../common/sql';
import { Grid } from '../grid/grid.entity';
import { Village } from '../village/village.entity';
import { toFinding, toUnitCoverage } from './coverage.service';
import { COVERAGE_SQL } from './coverage.sql';
import { FINDING_RULES, RULES } from './coverage.rules';
import {
  Coverage,
  CoverageFinding,
  CoverageFindingFilter,
  CoverageRules,
  OverlapPiece,
  UnitCoverage,
} from './coverage.types';
import { coverageHistory } from '../coverage-history/coverage-history.service';

const num = (id?: string | null) => (id ? Number(id) || -1 : undefined);

@Resolver(() => Coverage)
export class CoverageResolver {
  @Query(() => Coverage, { description: 'Coverage of the city, or of one county, township or village/community.' })
  coverage(
    @Arg('countyId', () => ID, { nullable: true }) countyId: string | undefined,
    @Arg('townshipId', () => ID, { nullable: true }) townshipId: string | undefined,
    @Arg('villageId', () => ID, { nullable: true }) villageId: string | undefined,
    @Ctx() ctx: Context,
    @Arg('asOf', () => String, {
      nullable: true,
      description:
        'YYYY-MM-DD: answered from the latest snapshot on or before that day (uncovered and overlaps are then null/empty); NOT_FOUND before the first snapshot.',
    })
    asOf?: string,
  ): Promise<Coverage> {
    if (asOf)
      return coverageHistory.asOf(
        ctx.em,
        { countyId: num(countyId), townshipId: num(townshipId), villageId: num(villageId) },
        asOf,
      );
    return ctx.services.coverage.rollup(ctx.em, {
      countyId: num(countyId),
      townshipId: num(townshipId),
      villageId: num(villageId),
    });
  }

  @Query(() => CoverageRules, {
    description: 'The coverage rules: thresholds and the severity of every finding kind (any signed-in user).',
  })
  coverageRules(@Ctx() ctx: Context): CoverageRules {
    const r = RULES;
    return {
      communityGridMaxHouseholds: r.oversizedGrid.maxHouseholds,
      communityGridCriticalHouseholds: r.oversizedGrid.criticalHouseholds,
      communityGridMinHouseholds: r.undersizedGrid.minHouseholds,
      uncoveredCriticalShare: r.uncoveredLand.criticalShare,
      minGapM2: ctx.config.minGapM2,
      minOverlapM2: ctx.config.minOverlapM2,
      findings: FINDING_RULES.map((f) => ({
        ...f,
        criticalFrom: f.criticalFrom ?? null,
        criticalSeverity: f.criticalSeverity ?? null,
      })),
    };
  }

  @FieldResolver(() => GeoJSONScalar, {
    nullable: true,
    description: 'Uncovered land as a MultiPolygon; simplify: tolerance in metres.',
  })
  uncovered(
    @Root() c: Coverage,
    @Arg('simplify', () => Float, { nullable: true }) simplify: number | undefined,
    @Ctx() ctx: Context,
  ): Promise<Geometry | null> {
    if ((c as { snapshotDay?: string }).snapshotDay) return Promise.resolve(null);
    return ctx.services.coverage.uncoveredGeometry(ctx.em, c, simplify);
  }

  @FieldResolver(() => [OverlapPiece], { description: 'Overlaps between grids, each with its geometry.' })
  overlaps(
    @Root() c: Coverage,
    @Arg('simplify', () => Float, { nullable: true }) simplify: number | undefined,
    @Ctx() ctx: Context,
  ): Promise<OverlapPiece[]> {
    if ((c as { snapshotDay?: string }).snapshotDay) return Promise.resolve([]);
    return ctx.services.coverage.overlapPieces(ctx.em, c, simplify);
  }
}

/** Findings as a read-only resource in the ra-data-graphql-simple convention. */
@Resolver(() => CoverageFinding)
export class CoverageFindingResolver {
  @Query(() => CoverageFinding, { name: 'CoverageFinding', nullable: true })
  async one(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CoverageFinding | null> {
    const [f] = await ctx.services.coverage.findings(ctx.em, { perPage: 1 }, { ids: [id] });
    return f ?? null;
  }

  @Query(() => [CoverageFinding], { name: 'allCoverageFindings' })
  all(
    @Args(() => ListArgs) list: ListArgs,
    @Arg('filter', () => CoverageFindingFilter, { nullable: true }) filter: CoverageFindingFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.coverage.findings(ctx.em, list, filter ?? undefined);
  }

  @Query(() => ListMetadata, { name: '_allCoverageFindingsMeta' })
  async meta(
    @Args(() => ListArgs) _l: ListArgs,
    @Arg('filter', () => CoverageFindingFilter, { nullable: true }) filter: CoverageFindingFilter | undefined,
    @Ctx() ctx: Context,
  ) {
    return { count: await ctx.services.coverage.countFindings(ctx.em, filter ?? undefined) };
  }

  @FieldResolver(() => Village)
  async village(@Root() f: CoverageFinding, @Ctx() ctx: Context): Promise<Village | null> {
    return ctx.loaders.entity(Village, Number(f.villageId));
  }

  @FieldResolver(() => Grid, { nullable: true })
  async grid(@Root() f: CoverageFinding, @Ctx() ctx: Context): Promise<Grid | null> {
    return f.gridId ? ctx.loaders.entity(Grid, Number(f.gridId)) : null;
  }

  @FieldResolver(() => GeoJSONScalar, {
    nullable: true,
    description: 'The gap, overlap or spill itself (null for findings about records).',
  })
  geometry(@Root() f: CoverageFinding, @Ctx() ctx: Context): Promise<Geometry | null> {
    // Batched: a list of findings asks for all their geometries in one statement.
    return ctx.loaders
      .loader<Geometry | null, string>('coverage:finding-geometry', async (ids) => {
        const rows = await query<{ id: string; g: Geometry | null }>(ctx.em, COVERAGE_SQL.findingGeometries, [
          textArray(ids),
        ]);
        const map = new Map(rows.map((r) => [r.id, r.g]));
        return ids.map((id) => map.get(id) ?? null);
      })
      .load(f.id);
  }
}

@Resolver(() => Village)
export class VillageCoverageResolver {
  @FieldResolver(() => UnitCoverage, { nullable: true, description: 'Its coverage (null when it has no boundary).' })
  coverage(@Root() village: Village, @Ctx() ctx: Context): Promise<UnitCoverage | null> {
    return ctx.loaders
      .loader<UnitCoverage | null>('coverage:unit', async (ids) => {
        const rows = await query<Record<string, any>>(ctx.em, COVERAGE_SQL.coverageOfVillages, [intArray(ids)]);
        const map = new Map(rows.map((r) => [Number(r.village_id), r]));
        return ids.map((id) => (map.has(id) ? toUnitCoverage(map.get(id)!) : null));
      })
      .load(village.id);
  }

  @FieldResolver(() => [CoverageFinding], { description: 'Findings about the unit and its grids.' })
  findings(@Root() village: Village, @Ctx() ctx: Context): Promise<CoverageFinding[]> {
    return ctx.loaders
      .loader<CoverageFinding[]>('coverage:village-findings', async (ids) => {
        const rows = await query<any>(ctx.em, COVERAGE_SQL.findingsOfVillages, [intArray(ids)]);
        return ids.map((id) => rows.filter((r) => Number(r.village_id) === id).map(toFinding));
      })
      .load(village.id);
  }
}

@Resolver(() => Grid)
export class GridCoverageResolver {
  @FieldResolver(() => [CoverageFinding], { description: 'Findings about this grid (overlaps included).' })
  findings(@Root() grid: Grid, @Ctx() ctx: Context): Promise<CoverageFinding[]> {
    return ctx.loaders
      .loader<CoverageFinding[]>('coverage:grid-findings', async (ids) => {
        const rows = await queryNamed<any>(ctx.em, COVERAGE_SQL.findingsOfGrids, { gridIds: intArray(ids) });
        return ids.map((id) =>
          rows.filter((r) => Number(r.grid_id) === id || Number(r.other_grid_id) === id).map(toFinding),
        );
      })
      .load(grid.id);
  }
}
