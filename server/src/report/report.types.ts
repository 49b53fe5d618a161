import { Field, ID, Int, ObjectType } from 'type-graphql';
import { GridKind } from '../grid/grid.entity';
import { Employment, WorkerSource } from '../grid-worker/grid-worker.entity';
import { PartyUnitLevel, PartyUnitKind } from '../party-unit/party-unit.entity';
import { VillageKind } from '../village/village.entity';

@ObjectType({ description: 'Grids of one kind in villages or in communities.' })
export class CityReportGridCount {
  @Field(() => VillageKind, { description: 'VILLAGE: grids in villages; COMMUNITY: grids in communities.' })
  unitKind!: VillageKind;

  @Field(() => GridKind)
  kind!: GridKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Grid workers of one source and employment.' })
export class CityReportWorkerCount {
  @Field(() => WorkerSource)
  source!: WorkerSource;

  @Field(() => Employment)
  employment!: Employment;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Of which active.' })
  active!: number;
}

@ObjectType({ description: 'Party units of one level and kind.' })
export class CityReportPartyUnitCount {
  @Field(() => PartyUnitLevel)
  level!: PartyUnitLevel;

  @Field(() => PartyUnitKind)
  kind!: PartyUnitKind;

  @Field(() => Int)
  count!: number;

  @Field(() => Int, { description: 'Of which built on a grid (grid set).' })
  onGrids!: number;
}

@ObjectType({
  description: "The figures of the city's report (五到基层), computed from the data, for the city or one county.",
})
export class CityReport {
  @Field(() => ID, { nullable: true, description: 'The county, or null for the whole city.' })
  countyId!: string | null;

  @Field(() => Int) counties!: number;
  @Field(() => Int, { description: 'Townships and streets (乡镇/街道).' }) townships!: number;
  @Field(() => Int, { description: 'Villages (村).' }) villages!: number;
  @Field(() => Int, { description: 'Communities (社区, farm living areas included).' }) communities!: number;
  @Field(() => Int, { description: 'Villager groups (村民小组) registered on the villages.' }) villagerGroups!: number;

  @Field(() => Int) grids!: number;
  @Field(() => Int, { description: 'Grids in villages (report: 3,184).' }) villageGrids!: number;
  @Field(() => Int, { description: 'Grids in communities (report: 699).' }) communityGrids!: number;
  @Field(() => [CityReportGridCount]) gridsByKind!: CityReportGridCount[];

  @Field(() => Int, { description: 'Grid workers (report: 4,439); in a county, those assigned to its grids.' })
  workers!: number;
  @Field(() => Int) activeWorkers!: number;
  @Field(() => [CityReportWorkerCount]) workersBySource!: CityReportWorkerCount[];

  @Field(() => Int) partyUnits!: number;
  @Field(() => Int, { description: 'Community party organisations that are party committees (report: 8).' })
  communityCommittees!: number;
  @Field(() => Int, { description: 'Natural-village party groups (report: 1,299).' }) naturalVillageGroups!: number;
  @Field(() => Int, { description: 'Industry party organisations (report: 231).' }) industryOrganisations!: number;
  @Field(() => Int, { description: 'Grid party branches (report: 47).' }) gridBranches!: number;
  @Field(() => Int, { description: 'Grid and building party groups (report: 257).' }) gridGroups!: number;
  @Field(() => [CityReportPartyUnitCount]) partyUnitsByLevelAndKind!: CityReportPartyUnitCount[];

  @Field(() => Int, { description: 'Households (户) registered on the villages and communities.' }) households!: number;
  @Field(() => Int) villageHouseholds!: number;
  @Field(() => Int) communityHouseholds!: number;
  @Field(() => Int, { description: 'Households recorded on the grids.' }) householdsInGrids!: number;
  @Field(() => Int, { description: 'Population (人口) registered on the villages and communities.' })
  population!: number;
}
