import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { SpatialFilter } from '../common/list.inputs';

@InputType()
export class CountyFilter extends SpatialFilter {}

@ArgsType()
export class CountyFields {
  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => String, { nullable: true })
  name?: string;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Polygon or MultiPolygon.' })
  geometry?: Geometry | null;
}

@ArgsType()
export class CreateCountyArgs extends CountyFields {
  @Field(() => String)
  override code!: string;

  @Field(() => String)
  override name!: string;
}

@ArgsType()
export class UpdateCountyArgs extends CountyFields {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;
}
