import type { EntityManager } from '@mikro-orm/postgresql';
import { EntityService } from '../common/entity.service';
import { badInput, notFound } from '../common/errors';
import { checkPoint } from '../common/geometry.service';
import { query, type Where } from '../common/sql';
import { GridWorker } from '../grid-worker/grid-worker.entity';
import { Village } from '../village/village.entity';
import { Grid } from './grid.entity';
import type { CreateGridArgs, GridFilter, UpdateGridArgs } from './grid.inputs';
import { GRID_SQL } from './grid.sql';

export class GridService extends EntityService<Grid, GridFilter, CreateGridArgs, UpdateGridArgs> {
  readonly entity = Grid;
  readonly typeName = 'Grid';
  readonly table = 'grid';
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
      grid.village = village;
    }
    if (creating && !input.geometry) throw badInput('A grid needs a geometry.');
    if (input.geometry === null) throw badInput('A grid needs a geometry; it cannot be removed.');
    if (input.geometry !== undefined) grid.geometry = await this.deps.geo.checkPolygonal(em, input.geometry);
    // A new boundary, or a move to another village, must still lie within the village.
    if (input.geometry !== undefined || (input.villageId != null && !creating)) {
      const geometry = input.geometry ?? (await this.storedGeometry(em, grid.id));
      await this.deps.geo.checkInside(em, geometry, 'grid', 'village', 'village', grid.village.id);
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

  private async storedGeometry(em: EntityManager, id: number) {
    const [row] = await query<{ g: string }>(em, 'select ST_AsGeoJSON(geom) as g from grid where id = ?', [id]);
    return JSON.parse(row!.g);
  }

  protected override async villagesOf(_em: EntityManager, grid: Grid): Promise<number[]> {
    return [grid.village.id];
  }

  /** Grids containing the point, smallest first. */
  async at(lng: number, lat: number): Promise<Grid[]> {
    const [x, y] = checkPoint([lng, lat]);
    const ids = (await query<{ id: number }>(this.em, GRID_SQL.at, [x, y])).map((r) => Number(r.id));
    if (!ids.length) return [];
    const grids = new Map((await this.em.find(Grid, { id: { $in: ids } })).map((g) => [g.id, g]));
    return ids.map((id) => grids.get(id)!);
  }
}
