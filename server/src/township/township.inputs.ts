import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { SpatialFilter } from '../common/list.inputs';
import { TownshipKind } from './township.entity';

@InputType()
export class TownshipFilter extends SpatialFilter {
  @Field(() => ID, { nullable: true })
  countyId?: string;

  @Field(() => TownshipKind, { nullable: true })
  kind?: TownshipKind;
}

@ArgsType()
export class TownshipFields {
  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => TownshipKind, { nullable: true })
  kind?: TownshipKind;

  @Field(() => ID, { nullable: true })
  countyId?: string;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon.' })
  geometry?: Geometry | null;
}

@ArgsType()
export class CreateTownshipArgs extends TownshipFields {
  @Field(() => String)
  override code!: string;

  @Field(() => String)
  override name!: string;

  @Field(() => ID)
  override countyId!: string;
}

@ArgsType()
export class UpdateTownshipArgs extends TownshipFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
