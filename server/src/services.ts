import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from './config';
import type { GeometryService } from './common/geometry.service';
import { CountyService } from './county/county.service';
import type { CoverageService } from './coverage/coverage.service';
import type { AuthService } from './auth/auth.service';
import type { Principal } from './auth/principal';
import { ApiKeyService, UserService } from './auth/user.service';
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
  user: UserService;
  apiKey: ApiKeyService;
}

/** The services of one request, sharing its entity manager. */
export interface AppServices {
  config: Config;
  geo: GeometryService;
  coverage: CoverageService;
  auth: AuthService;
}

/** The services of one request (or one script run), acting for `principal` (null: a script). */
export function createServices(
  em: EntityManager,
  app: AppServices,
  principal: Principal | null,
  changeIds: number[] = [],
): Services {
  const { config, geo, coverage, auth } = app;
  // Every write of these services goes through the change corridor (server/src/changes/corridor.ts).
  const deps = { em, config, geo, corridor: { coverage }, principal, changeIds };
  return {
    county: new CountyService(deps),
    township: new TownshipService(deps),
    village: new VillageService(deps),
    grid: new GridService(deps),
    partyUnit: new PartyUnitService(deps),
    gridWorker: new GridWorkerService(deps),
    coverage,
    user: new UserService(deps, auth),
    apiKey: new ApiKeyService(deps, auth),
  };
}
