import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { SpatialFilter } from '../common/list.inputs';
import { GridKind } from './grid.entity';

@InputType()
export class GridFilter extends SpatialFilter {
  @Field(() => ID, { nullable: true })
  countyId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => ID, { nullable: true })
  villageId?: string;

  @Field(() => GridKind, { nullable: true })
  kind?: GridKind;

  @Field(() => Boolean, { nullable: true, description: 'true: grids with an active worker; false: grids with none.' })
  hasWorker?: boolean;

  @Field(() => Boolean, { nullable: true, description: 'true: grids a party unit is built on; false: grids with none.' })
  hasPartyUnit?: boolean;

  @Field(() => Int, { nullable: true, description: 'At least this many households.' })
  minHouseholds?: number;

  @Field(() => Int, { nullable: true, description: 'At most this many households.' })
  maxHouseholds?: number;

  @Field(() => ID, { nullable: true, description: 'Grids this worker is assigned to.' })
  workerId?: string;
}

@ArgsType()
export class GridFields {
  @Field(() => String, { nullable: true })
  code?: string | null;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GridKind, { nullable: true })
  kind?: GridKind;

  @Field(() => ID, { nullable: true })
  villageId?: string;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon inside its village (at most 1% outside).' })
  geometry?: Geometry;

  @Field(() => [ID], { nullable: true, description: 'The grid workers assigned to it (replaces the list).' })
  workerIds?: string[];
}

@ArgsType()
export class CreateGridArgs extends GridFields {
  @Field(() => String)
  override name!: string;

  @Field(() => ID)
  override villageId!: string;

  @Field(() => GeoJSONScalar, { description: 'Polygon or MultiPolygon inside its village (at most 1% outside).' })
  override geometry!: Geometry;
}

@ArgsType()
export class UpdateGridArgs extends GridFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
