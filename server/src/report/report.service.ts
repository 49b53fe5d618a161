import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../common/sql';
import { REPORT_SQL } from './report.sql';
import type { CityReport } from './report.types';

/** The report's figures, computed from the data, for the city (countyId null) or one county. */
export async function cityReport(em: EntityManager, countyId: number | null = null): Promise<CityReport> {
  const p = [countyId];
  const [t] = await query<Record<string, number>>(em, REPORT_SQL.totals, p);
  const grids = await query<{ unit_kind: string; kind: string; count: number }>(em, REPORT_SQL.gridsByKind, p);
  const workers = await query<{ source: string; employment: string; count: number; active: number }>(
    em,
    REPORT_SQL.workers,
    p,
  );
  const party = await query<{ level: string; kind: string; count: number; on_grids: number }>(
    em,
    REPORT_SQL.partyUnits,
    p,
  );
  return {
    countyId: countyId === null ? null : String(countyId),
    counties: t!.counties!,
    townships: t!.townships!,
    villages: t!.villages!,
    communities: t!.communities!,
    villagerGroups: t!.villager_groups!,
    grids: t!.grids!,
    villageGrids: t!.village_grids!,
    communityGrids: t!.community_grids!,
    gridsByKind: grids.map((r) => ({
      unitKind: r.unit_kind,
      kind: r.kind,
      count: r.count,
    })) as CityReport['gridsByKind'],
    workers: t!.workers!,
    activeWorkers: t!.active_workers!,
    workersBySource: workers as unknown as CityReport['workersBySource'],
    partyUnits: t!.party_units!,
    communityCommittees: t!.community_committees!,
    naturalVillageGroups: t!.natural_village_groups!,
    industryOrganisations: t!.industry_organisations!,
    gridBranches: t!.grid_branches!,
    gridGroups: t!.grid_groups!,
    partyUnitsByLevelAndKind: party.map((r) => ({
      level: r.level,
      kind: r.kind,
      count: r.count,
      onGrids: r.on_grids,
    })) as CityReport['partyUnitsByLevelAndKind'],
    households: t!.households!,
    villageHouseholds: t!.village_households!,
    communityHouseholds: t!.community_households!,
    householdsInGrids: t!.households_in_grids!,
    population: t!.population!,
  };
}
