import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { CountyResolver } from './county/county.resolver';
import { ApiKeyResolver, UserResolver } from './auth/auth.resolver';
import { AuditResolver } from './audit/audit.resolver';
import { CoverageFindingResolver, CoverageResolver, GridCoverageResolver, VillageCoverageResolver } from './coverage/coverage.resolver';
import { GridResolver } from './grid/grid.resolver';
import { GridWorkerResolver } from './grid-worker/grid-worker.resolver';
import { PartyUnitResolver } from './party-unit/party-unit.resolver';
import { ReportResolver } from './report/report.resolver';
import { TownshipResolver } from './township/township.resolver';
import { VillageResolver } from './village/village.resolver';
import { loopResolvers } from './loop.resolvers';

export const resolvers = [
  CountyResolver, TownshipResolver, VillageResolver, GridResolver, PartyUnitResolver, GridWorkerResolver,
  CoverageResolver, CoverageFindingResolver, VillageCoverageResolver, GridCoverageResolver, ReportResolver,
  UserResolver, ApiKeyResolver, AuditResolver,
  ...loopResolvers,
] as const;

let built: Promise<GraphQLSchema> | undefined;
/** The GraphQL schema, built from the resolver classes once per process. */
export function schema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...resolvers], validate: false, emitSchemaFile: false });
  return built;
}
