import { ArgsType, Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { GeoJSONScalar } from './geojson.scalar';
import type { Geometry } from './geojson';

/** The paging arguments of ra-data-graphql-simple's `allX` queries. */
@ArgsType()
export class ListArgs {
  @Field(() => Int, { nullable: true, description: 'Zero-based page number.' })
  page?: number;

  @Field(() => Int, { nullable: true, description: 'Records per page (default 25, at most 1,000).' })
  perPage?: number;

  @Field(() => String, { nullable: true })
  sortField?: string;

  @Field(() => String, { nullable: true, description: 'ASC or DESC.' })
  sortOrder?: string;
}

@ObjectType({ description: 'The size of a filtered list (ra-data-graphql-simple).' })
export class ListMetadata {
  @Field(() => Int)
  count!: number;
}

@InputType({ description: 'Within a distance of a point.' })
export class DWithinInput {
  @Field(() => [Float], { description: '[lng, lat]' })
  point!: number[];

  @Field(() => Float)
  meters!: number;
}

/** Filters every type with a geometry understands. */
@InputType()
export class SpatialFilter {
  @Field(() => String, { nullable: true, description: 'Name or code contains (case-insensitive).' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => [Float], { nullable: true, description: 'Intersects [minLng, minLat, maxLng, maxLat].' })
  bbox?: number[];

  @Field(() => GeoJSONScalar, { nullable: true, description: 'Intersects this GeoJSON geometry.' })
  intersects?: Geometry;

  @Field(() => [Float], { nullable: true, description: 'Contains the point [lng, lat] (boundary included).' })
  containsPoint?: number[];

  @Field(() => DWithinInput, { nullable: true })
  dwithin?: DWithinInput;
}

/** Filters of types without a geometry. */
@InputType()
export class BasicFilter {
  @Field(() => String, { nullable: true, description: 'Name contains (case-insensitive).' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];
}
