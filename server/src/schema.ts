import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CountyResolver } from './county/county.resolver';
import { ApiKeyResolver, UserResolver } from './auth/auth.resolver';
import { AuditResolver } from './audit/audit.resolver';
import {
  CoverageFindingResolver,
  CoverageResolver,
  GridCoverageResolver,
  VillageCoverageResolver,
} from './coverage/coverage.resolver';
import { GridResolver, VillageGridsResolver } from './grid/grid.resolver';
import { GridWorkerResolver } from './grid-worker/grid-worker.resolver';
import { PartyUnitResolver, VillagePartyUnitsResolver } from './party-unit/party-unit.resolver';
import { ReportResolver } from './report/report.resolver';
import { CountyTownshipsResolver, TownshipResolver } from './township/township.resolver';
import { TownshipVillagesResolver, VillageResolver } from './village/village.resolver';
import { ChangeResolver } from './changes/change.resolver';
import { DataChangeResolver } from './changes/changes.resolver';
import { SettingsResolver } from './settings/settings.resolver';
import { GridCodeResolver } from './grid/grid-code';
import { loopResolvers } from './loop.resolvers';

export const resolvers = [
  CountyResolver,
  TownshipResolver,
  VillageResolver,
  GridResolver,
  PartyUnitResolver,
  GridWorkerResolver,
  // Children add their lists to their parents.
  CountyTownshipsResolver,
  TownshipVillagesResolver,
  VillageGridsResolver,
  VillagePartyUnitsResolver,
  CoverageResolver,
  CoverageFindingResolver,
  VillageCoverageResolver,
  GridCoverageResolver,
  ReportResolver,
  UserResolver,
  ApiKeyResolver,
  AuditResolver,
  ChangeResolver,
  DataChangeResolver,
  SettingsResolver,
  GridCodeResolver,
  ...loopResolvers,
] as const;

/** Subscriptions bring their own `subscribe` (the change feed, LISTEN/NOTIFY); no topic-based pub/sub is used. */
const NO_TOPICS = {
  publish: () => undefined,
  subscribe: (): AsyncIterable<never> => {
    throw new Error('Subscriptions here use their own subscribe function, not topics.');
  },
};

let built: Promise<GraphQLSchema> | undefined;
/** The GraphQL schema, built from the resolver classes once per process. */
export function schema(): Promise<GraphQLSchema> {
  // The app wraps the root fields with the argument guard (common/input-guard.ts) after the compiled reads.
  built ??= buildSchema({ resolvers: [...resolvers], validate: false, emitSchemaFile: false, pubSub: NO_TOPICS });
  return built;
}
