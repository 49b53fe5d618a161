import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { SpatialFilter } from '../common/list.inputs';
import { VillageKind } from './village.entity';

@InputType()
export class VillageFilter extends SpatialFilter {
  @Field(() => ID, { nullable: true })
  countyId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => VillageKind, { nullable: true })
  kind?: VillageKind;

  @Field(() => Boolean, { nullable: true, description: 'Only units whose covered share is below 100%.' })
  notFullyCovered?: boolean;
}

@ArgsType()
export class VillageFields {
  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => VillageKind, { nullable: true })
  kind?: VillageKind;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => Int, { nullable: true })
  households?: number | null;

  @Field(() => Int, { nullable: true })
  population?: number | null;

  @Field(() => Int, { nullable: true })
  villagerGroups?: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon, within its township.' })
  geometry?: Geometry | null;
}

@ArgsType()
export class CreateVillageArgs extends VillageFields {
  @Field(() => String)
  override code!: string;

  @Field(() => String)
  override name!: string;

  @Field(() => ID)
  override townshipId!: string;
}

@ArgsType()
export class UpdateVillageArgs extends VillageFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
