import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
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
  OverlapPolicy,
  SplitAttributes,
  type CreateGridArgs,
  type CreateGridFromGapArgs,
  type ExtendGridOverGapArgs,
  type GridFilter,
  type MergeGridsArgs,
  type ShapeArgs,
  type SplitGridArgs,
  type UpdateGridArgs,
  type UpdateGridBoundaryArgs,
} from './grid.inputs';
import { GRID_EDIT_SQL, GRID_SQL } from './grid.sql';

const parse = (g: string) => JSON.parse(g) as Geometry;

/**
 * Grids: filters, and the map's editing operations. Every write below is `this.change(name, operation,
 * work)`: the work says which grids (and workers, party units) change and how; the change corridor
 * (server/src/changes/corridor.ts) does the rest in the same transaction — the lock, the scope checks
 * before and after, one audit event per changed record, the COVERAGE REFRESH of the units touched
 * (`coverage.recompute`, step 5), the data version and the change row that revertChange undoes.
 */
export class GridService extends EntityService<Grid, GridFilter, CreateGridArgs, UpdateGridArgs> {
  readonly entity = Grid;
  readonly typeName = 'Grid' as const;
  readonly table = 'grid';
  readonly sortable = {
    code: 'e.code',
    name: 'e.name',
    kind: 'e.kind',
    villageId: 'e.village_id',
    households: 'e.households',
    population: 'e.population',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
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

  protected async assign(tx: ChangeTx, grid: Grid, input: Partial<CreateGridArgs>, creating: boolean): Promise<void> {
    const em = tx.em;
    // Relations first: every other record this write changes must be in the writer's scope
    // before any geometry work (FORBIDDEN before BAD_GEOMETRY).
    if (input.villageId != null) {
      const village = await em.findOne(Village, { id: Number(input.villageId) || 0 });
      if (!village) throw notFound('Village', input.villageId);
      await tx.checkTarget('Grid', [village.id]);
      grid.village = village;
    }
    let unit: PartyUnit | null = null;
    if (input.partyUnitId != null) {
      unit = await em.findOne(PartyUnit, { id: Number(input.partyUnitId) || 0 });
      if (!unit) throw notFound('PartyUnit', input.partyUnitId);
      // It is pulled onto this grid (maybe from another): its record changes, so its scope counts.
      await tx.touch('PartyUnit', [unit.id]);
    }
    let workers: GridWorker[] | null = null;
    if (input.workerIds) {
      const ids = [...new Set(input.workerIds.map(Number))];
      workers = await em.find(GridWorker, { id: { $in: ids } });
      const missing = ids.find((id) => !workers!.some((w) => w.id === id));
      if (missing !== undefined) throw notFound('GridWorker', missing);
      if (!grid.workers.isInitialized()) await grid.workers.init();
      // Workers joining or leaving change too: each must be in the writer's scope.
      await tx.touch('GridWorker', [...new Set([...grid.workers.getItems().map((w) => w.id), ...ids])]);
    }
    this.checkName(input.name);
    this.checkCounts(input, ['households', 'population']);
    if (input.code !== undefined) grid.code = input.code?.trim() || null;
    if (input.name != null) grid.name = input.name.trim();
    if (input.kind != null) grid.kind = input.kind;
    if (input.households !== undefined) grid.households = input.households;
    if (input.population !== undefined) grid.population = input.population;
    if (creating && !input.geometry) throw badInput('A grid needs a geometry.');
    if (input.geometry === null) throw badInput('A grid needs a geometry; it cannot be removed.');
    if (input.geometry !== undefined) {
      grid.geometry = await this.shape(em, input.geometry, grid.village.id, grid.id ?? 0, input);
    } else if (input.villageId != null && !creating) {
      // Moved to another village: it must lie within the new one.
      await this.deps.geo.checkInside(
        em,
        await this.stored(em, grid.id),
        'grid',
        'village',
        'village',
        grid.village.id,
      );
    }
    if (unit) unit.grid = grid;
    if (workers) {
      const current = grid.workers.getItems().map((w) => w.id);
      if (
        !sameSet(
          current,
          workers.map((w) => w.id),
        )
      ) {
        // A change of assignments is a change of the record: bump its version too.
        grid.updatedAt = new Date();
        grid.workers.set(workers);
      }
    }
    await this.assignLeader(grid, input.leaderId);
  }

  /**
   * 网格长: one of the grid's own workers, or none. Named anew (`leaderId`), it must be one of
   * them (BAD_INPUT otherwise); a leader who is no longer among the workers stops leading.
   */
  private async assignLeader(grid: Grid, leaderId: string | null | undefined): Promise<void> {
    if (leaderId === undefined && !grid.leader) return; // nothing to check (no extra query on plain writes)
    if (!grid.workers.isInitialized()) await grid.workers.init();
    const workerIds = grid.workers.getItems().map((w) => w.id);
    if (leaderId !== undefined) {
      const id = leaderId === null || leaderId === '' ? null : Number(leaderId);
      if (id !== null && !workerIds.includes(id)) throw badInput(messages.leaderNotAWorker(String(leaderId)));
      const leader = id === null ? null : grid.workers.getItems().find((w) => w.id === id)!;
      if ((grid.leader?.id ?? null) !== id) grid.leader = leader;
    } else if (grid.leader && !workerIds.includes(grid.leader.id)) {
      grid.leader = null;
    }
  }

  /**
   * Checks a drawn geometry and shapes it: validity and extent, clipping to the
   * village, the overlap policy against sibling grids, and the 1% spill rule.
   * Returns the geometry to store.
   */
  async shape(
    em: EntityManager,
    value: unknown,
    villageId: number,
    selfId: number,
    opts: ShapeArgs,
  ): Promise<Geometry> {
    let geometry = await this.deps.geo.checkPolygonal(em, value);
    if (opts.clipToVillage)
      geometry = await this.nonEmpty(
        em,
        (await query<{ g: string }>(em, GRID_EDIT_SQL.clip, [JSON.stringify(geometry), villageId]))[0]?.g,
      );
    const policy = opts.overlaps ?? OverlapPolicy.REFUSE;
    if (policy !== OverlapPolicy.ALLOW) {
      const overlaps = (
        await query<{ id: number; name: string; area_m2: number }>(em, GRID_EDIT_SQL.siblingOverlaps, [
          JSON.stringify(geometry),
          villageId,
          selfId,
        ])
      ).filter((o) => o.area_m2 > this.deps.config.minOverlapM2);
      if (overlaps.length && policy === OverlapPolicy.REFUSE) {
        const list = overlaps.map((o) => `grid ${o.name} (${o.id}) by ${Math.round(o.area_m2)} m²`).join(', ');
        throw badGeometry(messages.overlapsSiblings(list), {
          overlaps: overlaps.map((o) => ({ gridId: String(o.id), areaM2: o.area_m2 })),
        });
      }
      if (overlaps.length) {
        const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.trim, [
          JSON.stringify(geometry),
          intArray(overlaps.map((o) => o.id)),
        ]);
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

  /** Puts a grid back as an audit snapshot shows it (recreating it when it was deleted). */
  async restore(id: number, state: Record<string, any>): Promise<Grid> {
    return this.change('restoreGrid', 'restore', async (tx) => {
      await tx.touch('Grid', [id]);
      const existing = await tx.em.findOne(Grid, { id });
      const grid = existing ?? new Grid();
      await this.assign(
        tx,
        grid,
        {
          name: state.name,
          code: state.code,
          kind: state.kind,
          households: state.households,
          population: state.population,
          villageId: String(state.village_id),
          geometry: state.geometry,
          overlaps: OverlapPolicy.ALLOW,
        },
        !existing,
      );
      if (!existing) {
        grid.id = id; // back under its old id, so links and findings ids stay meaningful
        tx.em.persist(grid);
      }
      await tx.em.flush();
      tx.created('Grid', [id]);
      return grid;
    });
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
   * shared the longest border with it. No gap or overlap opens between them. Grids of other
   * units never move: a boundary that would overlap them more than before is refused.
   */
  async updateBoundary(args: UpdateGridBoundaryArgs): Promise<Grid[]> {
    const id = this.parseId(args.id);
    return this.change('updateGridBoundary', 'updateBoundary', async (tx) => {
      await tx.touch('Grid', [id]);
      const em = tx.em;
      const grid = await this.lockVersion(em, args.id, args.version);
      const geometry = await this.deps.geo.checkPolygonal(em, args.geometry);
      await this.deps.geo.checkInside(em, geometry, 'grid', 'village', 'village', grid.village.id);
      await this.checkOtherUnits(em, grid.id, geometry, grid.village.id);
      const changed: Grid[] = [grid];
      if (args.moveSharedEdges !== false) {
        const shapes = await query<{ id: number; g: string }>(em, GRID_EDIT_SQL.neighbourShapes, [
          grid.id,
          JSON.stringify(geometry),
          grid.village.id,
        ]);
        await tx.touch(
          'Grid',
          shapes.map((s) => Number(s.id)),
        );
        for (const s of shapes) {
          const sibling = await em.findOneOrFail(Grid, { id: Number(s.id) });
          sibling.geometry = await this.nonEmpty(em, s.g);
          changed.push(sibling);
        }
      } else {
        await this.shape(em, geometry, grid.village.id, grid.id, { overlaps: OverlapPolicy.REFUSE });
      }
      grid.geometry = geometry;
      return changed;
    });
  }

  /** Finding 14: a boundary move may not push into another unit's grids (their unit is not ours to change). */
  private async checkOtherUnits(
    em: EntityManager,
    gridId: number,
    geometry: Geometry,
    villageId: number,
  ): Promise<void> {
    const rows = await query<{ id: number; name: string; grown_m2: number }>(
      em,
      GRID_EDIT_SQL.otherVillageOverlapGrowth,
      [gridId, JSON.stringify(geometry), villageId],
    );
    const grown = rows.filter((r) => r.grown_m2 > this.deps.config.minOverlapM2);
    if (!grown.length) return;
    const list = grown.map((o) => `grid ${o.name} (${o.id}) by ${Math.round(o.grown_m2)} m²`).join(', ');
    throw badGeometry(messages.overlapsOtherVillages(list), {
      overlaps: grown.map((o) => ({ gridId: String(o.id), areaM2: o.grown_m2 })),
    });
  }

  /** Cuts a grid in two along a line; workers and party units stay on the first (larger) part. */
  async split(args: SplitGridArgs): Promise<Grid[]> {
    const id = this.parseId(args.id);
    return this.change('splitGrid', 'split', async (tx) => {
      await tx.touch('Grid', [id]);
      const em = tx.em;
      const grid = await this.lockVersion(em, args.id, args.version);
      const line = await this.deps.geo.checkValid(
        em,
        checkGeometry(args.line, 'line', ['LineString', 'MultiLineString']),
        'line',
      );
      const [closed] = await query<{ closed: boolean }>(em, GRID_EDIT_SQL.lineClosed, [JSON.stringify(line)]);
      if (closed?.closed) throw badGeometry(messages.splitLineClosed());
      const parts = await query<{ g: string; area_m2: number }>(em, GRID_EDIT_SQL.split, [
        JSON.stringify(line),
        grid.id,
      ]);
      if (parts.length !== 2) throw badGeometry(messages.splitNeedsTwo(parts.length));
      const [first, second] = parts as [{ g: string; area_m2: number }, { g: string; area_m2: number }];
      const share = first.area_m2 / (first.area_m2 + second.area_m2);
      // Households and population are divided by area unless COPY is asked for.
      const byArea = (args.attributes ?? SplitAttributes.SPLIT_BY_AREA) === SplitAttributes.SPLIT_BY_AREA;
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
      tx.created('Grid', [other.id]);
      return [grid, other];
    });
  }

  /** Merges touching grids of one unit into the first; workers and party units move to it. */
  async merge(args: MergeGridsArgs): Promise<Grid> {
    const ids = [...new Set(args.ids.map((i) => this.parseId(i)))];
    return this.change('mergeGrids', 'merge', async (tx) => {
      if (ids.length < 2) throw badInput(messages.mergeNeedsTwo());
      // Every grid merged, and (watched by the corridor) their workers and party units.
      await tx.touch('Grid', ids);
      const em = tx.em;
      const grids = await em.find(Grid, { id: { $in: ids } });
      const missing = ids.find((id) => !grids.some((g) => g.id === id));
      if (missing !== undefined) throw notFound('Grid', missing);
      if (new Set(grids.map((g) => g.village.id)).size !== 1) throw badInput(messages.mergeOneVillage());
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
      return kept;
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
    const { point, ...rest } = args;
    return this.change('createGridFromGap', 'create', async (tx) => {
      const village = Number(args.villageId) || 0;
      await tx.checkTarget('Grid', [village]);
      const gap = await this.gapAt(tx.em, village, point);
      const grid = new Grid();
      await this.assign(tx, grid, { ...rest, geometry: gap, overlaps: OverlapPolicy.TRIM } as CreateGridArgs, true);
      tx.em.persist(grid);
      await tx.em.flush();
      tx.created('Grid', [grid.id]);
      return grid;
    });
  }

  /** Extends a grid over the uncovered piece next to it. */
  async extendOverGap(args: ExtendGridOverGapArgs): Promise<Grid> {
    const id = this.parseId(args.id);
    return this.change('extendGridOverGap', 'extendOverGap', async (tx) => {
      await tx.touch('Grid', [id]);
      const em = tx.em;
      const grid = await this.lockVersion(em, args.id, args.version);
      const gap = await this.gapAt(em, grid.village.id, args.point);
      const [edge] = await query<{ ok: boolean }>(em, GRID_EDIT_SQL.sharesEdge, [JSON.stringify(gap), grid.id]);
      if (!edge?.ok) throw badInput(messages.gapNotAdjacent());
      const [row] = await query<{ g: string }>(em, GRID_EDIT_SQL.extend, [JSON.stringify(gap), grid.id]);
      // The gap was measured against the union of the grids: trim what the overlay left on the neighbours.
      grid.geometry = await this.shape(em, parse(row!.g), grid.village.id, grid.id, { overlaps: OverlapPolicy.TRIM });
      return grid;
    });
  }
}

export const sameSet = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && new Set([...a, ...b]).size === a.length;
