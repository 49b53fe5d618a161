import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { GeometryService } from './common/geometry.service';
import type { WriteHooks } from './common/hooks';
import { CountyService } from './county/county.service';
import type { CoverageService } from './coverage/coverage.service';
import { GridService } from './grid/grid.service';
import { GridWorkerService } from './grid-worker/grid-worker.service';
import { PartyUnitService } from './party-unit/party-unit.service';
import { TownshipService } from './township/township.service';
import { VillageService } from './village/village.service';

export interface Services {
  county: CountyService;
  township: TownshipService;
  village: VillageService;
  grid: GridService;
  partyUnit: PartyUnitService;
  gridWorker: GridWorkerService;
  coverage: CoverageService;
}

/** The services of one request, sharing its entity manager. */
export function createServices(em: EntityManager, config: Config, geo: GeometryService, hooks: WriteHooks, coverage: CoverageService): Services {
  const deps = { em, config, geo, hooks };
  return {
    county: new CountyService(deps),
    township: new TownshipService(deps),
    village: new VillageService(deps),
    grid: new GridService(deps),
    partyUnit: new PartyUnitService(deps),
    gridWorker: new GridWorkerService(deps),
    coverage,
  };
}
