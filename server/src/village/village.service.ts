import type { EntityManager } from '@mikro-orm/postgresql';
import { checkTownshipTarget } from '../auth/principal';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
import { badInput, conflict, messages, notFound } from '../common/errors';
import { query, type Where } from '../common/sql';
import { Township } from '../township/township.entity';
import { Village } from './village.entity';
import type { CreateVillageArgs, UpdateVillageArgs, VillageFilter } from './village.inputs';
import { VILLAGE_COVERAGE_SORT, VILLAGE_SQL } from './village.sql';

export class VillageService extends EntityService<Village, VillageFilter, CreateVillageArgs, UpdateVillageArgs> {
  readonly entity = Village;
  readonly typeName = 'Village' as const;
  readonly table = 'village';
  readonly sortable = {
    code: 'e.code',
    name: 'e.name',
    kind: 'e.kind',
    townshipId: 'e.township_id',
    households: 'e.households',
    population: 'e.population',
    villagerGroups: 'e.villager_groups',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
    // Worst covered first: "which villages are worst covered" (units without a figure last).
    'coverage.coveredShare': VILLAGE_COVERAGE_SORT.coveredShare,
    'coverage.uncoveredM2': VILLAGE_COVERAGE_SORT.uncoveredM2,
    areaM2: VILLAGE_COVERAGE_SORT.areaM2,
  };

  protected async filterBy(em: EntityManager, where: Where, filter: VillageFilter): Promise<void> {
    if (filter.countyId) where.add(VILLAGE_SQL.inCounty, Number(filter.countyId));
    if (filter.townshipId) where.add('e.township_id = ?', Number(filter.townshipId));
    if (filter.kind) where.add('e.kind = ?', filter.kind);
    if (filter.notFullyCovered) where.add(VILLAGE_COVERAGE_SORT.notFullyCovered);
    await this.deps.geo.applySpatialFilter(em, where, filter);
  }

  protected async assign(tx: ChangeTx, village: Village, input: Partial<CreateVillageArgs>): Promise<void> {
    const em = tx.em;
    this.checkName(input.name);
    this.checkCounts(input, ['households', 'population', 'villagerGroups']);
    if (input.code != null) {
      if (!/^\d{12}$/.test(input.code))
        throw badInput('A village or community code has 12 digits (e.g. 640302100201).');
      village.code = input.code;
    }
    if (input.name != null) village.name = input.name.trim();
    if (input.kind != null) village.kind = input.kind;
    if (input.townshipId != null) {
      const township = await em.findOne(Township, { id: Number(input.townshipId) || 0 });
      if (!township) throw notFound('Township', input.townshipId);
      await checkTownshipTarget(em, this.deps.principal, township.id);
      village.township = township;
    }
    if (input.households !== undefined) village.households = input.households;
    if (input.population !== undefined) village.population = input.population;
    if (input.villagerGroups !== undefined) village.villagerGroups = input.villagerGroups;
    if (input.geometry !== undefined) {
      village.geometry = input.geometry === null ? null : await this.deps.geo.checkPolygonal(em, input.geometry);
    }
    // A new boundary, or a move to another township, must still lie within the township.
    if ((input.geometry || input.townshipId != null) && village.township) {
      const geometry = input.geometry ?? (await this.storedGeometry(em, village));
      if (geometry)
        await this.deps.geo.checkInside(em, geometry, 'village', 'township', 'township', village.township.id);
    }
  }

  private async storedGeometry(em: EntityManager, village: Village) {
    if (!village.id) return null;
    const [row] = await query<{ g: string | null }>(em, 'select ST_AsGeoJSON(geom) as g from village where id = ?', [
      village.id,
    ]);
    return row?.g ? JSON.parse(row.g) : null;
  }

  protected override async checkDelete(em: EntityManager, village: Village): Promise<void> {
    const [grids] = await query<{ n: string }>(em, VILLAGE_SQL.gridCount, [village.id]);
    if (Number(grids?.n) > 0) throw conflict(messages.hasDependents('Village', village.id, 'grids', Number(grids!.n)));
    const [units] = await query<{ n: string }>(em, VILLAGE_SQL.partyUnitCount, [village.id]);
    if (Number(units?.n) > 0)
      throw conflict(messages.hasDependents('Village', village.id, 'party units', Number(units!.n)));
  }
}
