import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { KindCount, SeverityCount } from '../coverage/coverage.types';

@InputType({ description: 'One of countyId, townshipId, villageId; none: the city.' })
export class CoverageScopeInput {
  @Field(() => ID, { nullable: true }) countyId?: string;
  @Field(() => ID, { nullable: true }) townshipId?: string;
  @Field(() => ID, { nullable: true }) villageId?: string;
}

@ObjectType({ description: "One day's coverage roll-up of a scope (a snapshot)." })
export class CoverageHistoryPoint {
  @Field(() => String, { description: 'YYYY-MM-DD (Asia/Shanghai).' }) day!: string;
  @Field(() => String, { description: 'CITY, COUNTY, TOWNSHIP or VILLAGE.' }) scopeType!: string;
  @Field(() => ID, { nullable: true }) scopeId!: string | null;
  @Field(() => Int) units!: number;
  @Field(() => Int) fullyCovered!: number;
  @Field(() => Float) areaM2!: number;
  @Field(() => Float) uncoveredM2!: number;
  @Field(() => Float, { nullable: true }) coveredShare!: number | null;
  @Field(() => Int) grids!: number;
  @Field(() => Int, {
    description: 'Active grid workers on the grids (a worker on grids of two units counts in both).',
  })
  workers!: number;
  @Field(() => Int) households!: number;
  @Field(() => Int) householdsInGrids!: number;
  @Field(() => Int, { description: 'Grids with no active worker (有网格无力量).' }) unstaffedGrids!: number;
  @Field(() => Int, { description: 'Community grids over 1,000 households.' }) oversizedCritical!: number;
  @Field(() => [KindCount]) findingsByKind!: KindCount[];
  @Field(() => [SeverityCount]) findingsBySeverity!: SeverityCount[];
  @Field(() => Boolean, { description: 'Generated history (seed), not a real snapshot.' }) generated!: boolean;
}
