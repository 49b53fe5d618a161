import type { EntityManager } from '@mikro-orm/postgresql';
import { checkWrite } from '../auth/principal';
import { EntityService } from '../common/entity.service';
import { badGeometry, badInput, conflict, messages, notFound } from '../common/errors';
import type { Geometry } from '../common/geojson';
import { checkGeometry } from '../common/geojson';
import { checkPoint } from '../common/geometry.service';
import { intArray, query, type Where } from '../common/sql';
import { GridWorker } from '../grid-worker/grid-worker.entity';
import { PartyUnit } from '../party-unit/party-unit.entity';
import { Village } from '../village/village.entity';
import { Grid } from './grid.entity';
import {
  OverlapPolicy, SplitAttributes,
  type CreateGridArgs, type CreateGridFromGapArgs, type ExtendGridOverGapArgs, type GridFilter, type MergeGridsArgs,
  type ShapeArgs, type SplitGridArgs, type UpdateGridArgs, type UpdateGridBoundaryArgs,
} from './grid.inputs';
import { GRID_EDIT_SQL, GRID_SQL } from './grid.sql';

const parse = (g: string) => JSON.parse(g) as Geometry;

export class GridService extends EntityService<Grid, GridFilter, CreateGridArgs, UpdateGridArgs> {
  readonly entity = Grid;
  readonly typeName = 'Grid';
  readonly table = 'grid';
  protected override readonly hasGeometry = true;
  readonly sortable = {
    code: 'e.code', name: 'e.name', kind: 'e.kind', villageId: 'e.village_id', households: 'e.households',
    population: 'e.population', createdAt: 'e.created_at', updatedAt: 'e.updated_at',
  };

  protected async filterBy(em: EntityManager, where: Where, f: GridFilter): Promise<void> {
    if (f.countyId) where.add(GRID_SQL.inCounty, Number(f.countyId));
    if (f.townshipId) where.add(GRID_SQL.inTownship, Number(f.townshipId));
    if (f.villageId) where.add('e.village_id = ?', Number(f.villageId));
    if (f.kind) where.add('e.kind = ?', f.kind);
    if (f.hasWorker != null) where.add(f.hasWorker ? GRID_SQL.hasWorker : `not ${GRID_SQL.hasWorker}`);
    if (f.hasPartyUnit != null) where.add(f.hasPartyUnit ? GRID_SQL.hasPartyUnit : `not ${GRID_SQL.hasPartyUnit}`);
    if (f.minHouseholds != null) where.add('e.households >= ?', f.minHouseholds);
    if (f.maxHouseholds != null) where.add('e.households <= ?', f.maxHouseholds);
    if (f.workerId) where.add(GRID_SQL.ofWorker, Number(f.workerId));
    await this.deps.geo.applySpatialFilter(em, where, f);
  }

  protected async assign(em: EntityManager, grid: Grid, input: Partial<CreateGridArgs>, creating: boolean): Promise<void> {
    this.checkName(input.name);
    this.checkCounts(input, ['households', 'population']);
    if (input.code !== undefined) grid.code = input.code?.trim() || null;
    if (input.name != null) grid.name = input.name.trim();
    if (input.kind != null) grid.kind = input.kind;
    if (input.households !== undefined) grid.households = input.households;
    if (input.population !== undefined) grid.population = input.population;
    if (input.villageId != null) {
      const village = await em.findOne(Village, { id: Number(input.villageId) || 0 });
      if (!village) throw notFound('Village', input.villageId);
      await checkWrite(em, this.deps.principal, this.typeName, [village.id]);
      grid.village = village;
    }
    if (creating && !input.geometry) throw badInput('A grid needs a geometry.');
    if (input.geometry === null) throw badInput('A grid needs a geometry; it cannot be removed.');
    if (input.geometry !== undefined) {
      grid.geometry = await this.shape(em, input.geometry, grid.village.id, grid.id ?? 0, input);
    } else if (input.villageId != null && !creating) {
      // Moved to another village: it must lie within the new one.
      await this.deps.geo.checkInside(em, await this.stored(em, grid.id), 'grid', 'village', 'village', grid.village.id);
    }
    if (input.partyUnitId != null) {
      const unit = await em.findOne(PartyUnit, { id: Number(input.partyUnitId) || 0 });
      if (!unit) throw notFound('PartyUnit', input.partyUnitId);
      if (unit.grid && unit.grid.id !== grid.id) {
        // It leaves another grid: that grid's unit must be judged again (and be in the writer's scope).
        const previous = await em.findOneOrFail(Grid, { id: unit.grid.id });
        this.alsoTouched.add(previous.village.id);
      }
      unit.grid = grid;
    }
    if (input.workerIds) {
      const ids = [...new Set(input.workerIds.map(Number))];
      const workers = await em.find(GridWorker, { id: { $in: ids } });
      const missing = ids.find((id) => !workers.some((w) => w.id === id));
      if (missing !== undefined) throw notFound('GridWorker', missing);
      if (!grid.workers.isInitialized()) await grid.workers.init();
      // A change of assignments is a change of the record: bump its version too.
      grid.updatedAt = new Date();
      grid.workers.set(workers);
    }
  }

  /**
   * Checks a drawn geometry and shapes it: validity and extent, clipping to the
   * village, the overlap policy against sibling grids, and the 1% spill rule.
   * Returns the geometry to store.
   */
  async shape(em: EntityManager, value: unknown, villageId: number, selfId: number, opts: ShapeArgs): Promise<Geometry> {
    let geometry = await this.deps.geo.checkPolygonal(em, value);
    if (opts.clipToVillage) geometry = await this.nonEmpty(em, (await query<{ g: string }>(em, GRID_EDIT_SQL.clip, [JSON.stringify(geometry), villageId]))[0]?.g);
    const policy = opts.overlaps ?? OverlapPolicy.REFUSE;
    if (policy !== OverlapPolicy.ALLOW) {
      const overlaps = (await query<{ id: number; name: string; area_m2: number }>(em, GRID_EDIT_SQL.siblingOverlaps, [JSON.stringify(geometry), villageId, selfId]))
        .filter((o) => o.area_m2 > this.deps.config.minOverlapM2);
      if (overlaps.length && policy === OverlapPolicy.REFUSE) {
        const list = overlaps.map((o) => `grid ${o.name} (${o.id}) by ${Math.round(o.area_m2)} m²`).join(', ');
        throw badGeometry(messages.overlapsSiblings(list), { overlaps: overlaps.map((o) => ({ gridId: String(o.id), areaM2: o.area_m2 })) });
      }
      if (overlaps.length) {
        const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.trim, [JSON.stringify(geometry), intArray(overlaps.map((o) => o.id))]);
        geometry = await this.nonEmpty(em, row?.g);
      }
    }
    await this.deps.geo.checkInside(em, geometry, 'grid', 'village', 'village', villageId);
    return geometry;
  }

  private async nonEmpty(em: EntityManager, g: string | undefined | null): Promise<Geometry> {
    if (!g) throw badGeometry(messages.emptyAfterShaping());
    const [row] = await query<{ empty: boolean; valid: boolean; reason: string }>(em, GRID_EDIT_SQL.isEmptyOrTiny, [g]);
    if (row?.empty) throw badGeometry(messages.emptyAfterShaping());
    // Never store an invalid shape, whatever the overlay made of it.
    if (!row?.valid) throw badGeometry(messages.invalidGeometry('the resulting grid', row?.reason ?? 'unknown'));
    return parse(g);
  }

  private async stored(em: EntityManager, id: number): Promise<Geometry> {
    const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.geometry, [id]);
    return parse(row!.g);
  }

  private async lockVersion(em: EntityManager, id: string, version?: number | null): Promise<Grid> {
    const grid = await this.get(em, id);
    if (version != null && version !== grid.version) {
      throw conflict(messages.staleVersion('Grid', id, version, grid.version), { currentVersion: grid.version });
    }
    return grid;
  }

  protected override async villagesOf(_em: EntityManager, grid: Grid): Promise<number[]> {
    return [grid.village.id];
  }

  /** Puts a grid back as an audit snapshot shows it (recreating it when it was deleted). */
  async restore(id: number, state: Record<string, any>): Promise<Grid> {
    const exists = (await query<{ id: number }>(this.em, 'select id from grid where id = ?', [id])).length > 0;
    return this.write('restore', exists ? [id] : [], async (em) => {
      const grid = exists ? await this.get(em, id) : new Grid();
      const before = exists ? [grid.village.id] : [];
      await checkWrite(em, this.deps.principal, this.typeName, before);
      await this.assign(em, grid, {
        name: state.name, code: state.code, kind: state.kind, households: state.households, population: state.population,
        villageId: String(state.village_id), geometry: state.geometry, overlaps: OverlapPolicy.ALLOW,
      }, !exists);
      if (!exists) {
        grid.id = id; // back under its old id, so links and findings ids stay meaningful
        em.persist(grid);
      }
      await em.flush();
      return { entity: grid, villageIds: [...new Set([...before, grid.village.id])] };
    });
  }

  /** The grid and its siblings (a boundary move may change them all). */
  private async siblingIds(id: string): Promise<number[]> {
    const rows = await query<{ id: number }>(this.em, 'select s.id from grid g join grid s on s.village_id = g.village_id where g.id = ?', [this.parseId(id)]);
    return rows.map((r) => Number(r.id));
  }

  /** Grids containing the point, smallest first. */
  async at(lng: number, lat: number): Promise<Grid[]> {
    const [x, y] = checkPoint([lng, lat]);
    const ids = (await query<{ id: number }>(this.em, GRID_SQL.at, [x, y])).map((r) => Number(r.id));
    if (!ids.length) return [];
    const grids = new Map((await this.em.find(Grid, { id: { $in: ids } })).map((g) => [g.id, g]));
    return ids.map((id) => grids.get(id)!);
  }

  /**
   * A new boundary for a grid; with moveSharedEdges (the default) the sibling grids follow:
   * land the grid takes is removed from them, land it gives up goes to the sibling that
   * shared the longest border with it. No gap or overlap opens between them.
   */
  async updateBoundary(args: UpdateGridBoundaryArgs): Promise<Grid[]> {
    return this.transaction('updateBoundary', await this.siblingIds(args.id), async (em) => {
      const grid = await this.lockVersion(em, args.id, args.version);
      const geometry = await this.deps.geo.checkPolygonal(em, args.geometry);
      await this.deps.geo.checkInside(em, geometry, 'grid', 'village', 'village', grid.village.id);
      const changed: Grid[] = [grid];
      if (args.moveSharedEdges !== false) {
        const shapes = await query<{ id: number; g: string }>(em, GRID_EDIT_SQL.neighbourShapes, [grid.id, JSON.stringify(geometry), grid.village.id, grid.id]);
        for (const s of shapes) {
          const sibling = await em.findOneOrFail(Grid, { id: Number(s.id) });
          sibling.geometry = await this.nonEmpty(em, s.g);
          changed.push(sibling);
        }
      } else {
        await this.shape(em, geometry, grid.village.id, grid.id, { overlaps: OverlapPolicy.REFUSE });
      }
      grid.geometry = geometry;
      await em.flush();
      return { result: changed, ids: changed.map((g) => g.id), villageIds: [grid.village.id] };
    });
  }

  /** Cuts a grid in two along a line; workers and party units stay on the first (larger) part. */
  async split(args: SplitGridArgs): Promise<Grid[]> {
    return this.transaction('split', [this.parseId(args.id)], async (em) => {
      const grid = await this.lockVersion(em, args.id, args.version);
      const line = checkGeometry(args.line, 'line', ['LineString', 'MultiLineString']);
      await this.deps.geo.checkValid(em, line, 'line');
      const parts = await query<{ g: string; area_m2: number }>(em, GRID_EDIT_SQL.split, [JSON.stringify(line), grid.id]);
      if (parts.length !== 2) throw badGeometry(messages.splitNeedsTwo(parts.length));
      const [first, second] = parts as [{ g: string; area_m2: number }, { g: string; area_m2: number }];
      const share = first.area_m2 / (first.area_m2 + second.area_m2);
      const byArea = args.attributes === SplitAttributes.SPLIT_BY_AREA;
      const divide = (n: number | null | undefined, part: 0 | 1) =>
        n == null || !byArea ? n : part === 0 ? Math.round(n * share) : n - Math.round(n * share);

      const other = new Grid();
      other.name = args.newName?.trim() || `${grid.name}（2）`;
      other.kind = grid.kind;
      other.village = grid.village;
      other.code = null;
      other.households = divide(grid.households, 1);
      other.population = divide(grid.population, 1);
      other.geometry = parse(second.g);
      grid.households = divide(grid.households, 0);
      grid.population = divide(grid.population, 0);
      grid.geometry = parse(first.g);
      em.persist(other);
      await em.flush();
      return { result: [grid, other], ids: [grid.id, other.id], villageIds: [grid.village.id] };
    });
  }

  /** Merges touching grids of one unit into the first; workers and party units move to it. */
  async merge(args: MergeGridsArgs): Promise<Grid> {
    const ids = [...new Set(args.ids.map((i) => this.parseId(i)))];
    return this.transaction('merge', ids, async (em) => {
      if (ids.length < 2) throw badInput(messages.mergeNeedsTwo());
      const grids = await em.find(Grid, { id: { $in: ids } });
      const missing = ids.find((id) => !grids.some((g) => g.id === id));
      if (missing !== undefined) throw notFound('Grid', missing);
      if (new Set(grids.map((g) => g.village.id)).size !== 1) throw badInput(messages.mergeOneUnit());
      const [row] = await query<{ g: string; parts: number }>(em, GRID_EDIT_SQL.union, [intArray(ids)]);
      if (Number(row!.parts) !== 1) throw badGeometry(messages.mergeNotTouching(Number(row!.parts)));
      const kept = grids.find((g) => g.id === ids[0])!;
      const others = ids.slice(1);
      const sum = (f: 'households' | 'population') =>
        grids.every((g) => g[f] == null) ? null : grids.reduce((a, g) => a + (g[f] ?? 0), 0);
      kept.households = sum('households');
      kept.population = sum('population');
      if (args.name?.trim()) kept.name = args.name.trim();
      kept.geometry = parse(row!.g);
      await query(em, GRID_EDIT_SQL.moveWorkers, [kept.id, intArray(others)]);
      await query(em, GRID_EDIT_SQL.movePartyUnits, [kept.id, intArray(others)]);
      for (const g of grids) if (g.id !== kept.id) em.remove(g);
      await em.flush();
      return { result: kept, ids, villageIds: [kept.village.id] };
    });
  }

  /** The uncovered piece of a unit at a point, from the coverage tables. */
  private async gapAt(em: EntityManager, villageId: number, point: number[]): Promise<Geometry> {
    const [lng, lat] = checkPoint(point);
    const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.gapAt, [villageId, lng, lat]);
    if (!row) throw badInput(messages.noGapThere());
    return parse(row.g);
  }

  /** A new grid covering exactly the uncovered piece at the point. */
  async createFromGap(args: CreateGridFromGapArgs): Promise<Grid> {
    const village = Number(args.villageId);
    const gap = await this.gapAt(this.em, village, args.point);
    const { point: _p, ...rest } = args;
    return this.create({ ...rest, geometry: gap, overlaps: OverlapPolicy.TRIM } as CreateGridArgs);
  }

  /** Extends a grid over the uncovered piece next to it. */
  async extendOverGap(args: ExtendGridOverGapArgs): Promise<Grid> {
    return this.write('extendOverGap', [this.parseId(args.id)], async (em) => {
      const grid = await this.lockVersion(em, args.id, args.version);
      const gap = await this.gapAt(em, grid.village.id, args.point);
      const [edge] = await query<{ ok: boolean }>(em, GRID_EDIT_SQL.sharesEdge, [JSON.stringify(gap), grid.id]);
      if (!edge?.ok) throw badInput(messages.gapNotAdjacent());
      const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.extend, [JSON.stringify(gap), grid.id]);
      // The gap was measured against the union of the grids: trim what the overlay left on the neighbours.
      grid.geometry = await this.shape(em, parse(row!.g), grid.village.id, grid.id, { overlaps: OverlapPolicy.TRIM });
      await em.flush();
      return { entity: grid, villageIds: [grid.village.id] };
    });
  }
}
