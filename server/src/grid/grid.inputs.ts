import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { SpatialFilter } from '../common/list.inputs';
import { GridKind } from './grid.entity';

export enum OverlapPolicy {
  REFUSE = 'REFUSE',
  TRIM = 'TRIM',
  ALLOW = 'ALLOW',
}
registerEnumType(OverlapPolicy, {
  name: 'OverlapPolicy',
  description: 'What a write does when the geometry overlaps sibling grids by more than 10 m².',
  valuesConfig: {
    REFUSE: { description: 'Refuse with BAD_GEOMETRY, naming the grids (the default).' },
    TRIM: { description: 'Subtract the siblings from the geometry ("trim to avoid overlaps").' },
    ALLOW: { description: 'Store it as drawn; coverage reports the overlap (imports of real data).' },
  },
});

export enum SplitAttributes {
  COPY = 'COPY',
  SPLIT_BY_AREA = 'SPLIT_BY_AREA',
}
registerEnumType(SplitAttributes, {
  name: 'SplitAttributes',
  valuesConfig: {
    COPY: { description: 'Both grids get the households and population of the original.' },
    SPLIT_BY_AREA: { description: 'Households and population are divided in proportion to area.' },
  },
});

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

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: grids a party unit is built on; false: grids with none.',
  })
  hasPartyUnit?: boolean;

  @Field(() => Int, { nullable: true, description: 'At least this many households.' })
  minHouseholds?: number;

  @Field(() => Int, { nullable: true, description: 'At most this many households.' })
  maxHouseholds?: number;

  @Field(() => ID, { nullable: true, description: 'Grids this worker is assigned to.' })
  workerId?: string;
}

/** How a drawn geometry is shaped before it is stored. */
@ArgsType()
export class ShapeArgs {
  @Field(() => Boolean, { nullable: true, description: 'Clip the geometry to the village or community first.' })
  clipToVillage?: boolean;

  @Field(() => OverlapPolicy, {
    nullable: true,
    description: 'Overlaps with sibling grids: REFUSE (default), TRIM or ALLOW.',
  })
  overlaps?: OverlapPolicy;
}

@ArgsType()
export class GridFields extends ShapeArgs {
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

  @Field(() => GeoJSONScalar, {
    nullable: true,
    description: 'Polygon or MultiPolygon inside its village (at most 1% outside).',
  })
  geometry?: Geometry;

  @Field(() => [ID], { nullable: true, description: 'The grid workers assigned to it (replaces the list).' })
  workerIds?: string[];

  @Field(() => ID, {
    nullable: true,
    description: '网格长: one of its workers (null: none). A leader who leaves the grid stops leading it.',
  })
  leaderId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'A party unit to build on this grid (it moves here from wherever it was built).',
  })
  partyUnitId?: string | null;
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

@ArgsType()
export class UpdateGridBoundaryArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => GeoJSONScalar, { description: 'The new boundary.' })
  geometry!: Geometry;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Move the shared edges of sibling grids too (default true), so no gap or overlap opens.',
  })
  moveSharedEdges?: boolean;
}

@ArgsType()
export class SplitGridArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => GeoJSONScalar, { description: 'A LineString crossing the grid once, from outside to outside.' })
  line!: Geometry;

  @Field(() => SplitAttributes, {
    nullable: true,
    description:
      'SPLIT_BY_AREA (default: households and population divided in proportion to area, so a split then a merge gives the original figures) or COPY (both grids keep the original figures).',
  })
  attributes?: SplitAttributes;

  @Field(() => String, { nullable: true, description: 'Name of the new grid (default: the name with "(2)").' })
  newName?: string;
}

@ArgsType()
export class MergeGridsArgs {
  @Field(() => [ID], { description: 'Two or more touching grids of one unit; the first is kept.' })
  ids!: string[];

  @Field(() => String, { nullable: true })
  name?: string;
}

@ArgsType()
export class GapArgs {
  @Field(() => ID)
  villageId!: string;

  @Field(() => [Float], { description: 'A point [lng, lat] inside the uncovered piece.' })
  point!: number[];
}

@ArgsType()
export class CreateGridFromGapArgs extends GapArgs {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  code?: string;

  @Field(() => GridKind, { nullable: true })
  kind?: GridKind;

  @Field(() => Int, { nullable: true })
  households?: number;

  @Field(() => Int, { nullable: true })
  population?: number;

  @Field(() => [ID], { nullable: true })
  workerIds?: string[];

  @Field(() => ID, { nullable: true, description: '网格长: one of workerIds.' })
  leaderId?: string;

  @Field(() => ID, { nullable: true, description: 'A party unit to build on the new grid (as in createGrid).' })
  partyUnitId?: string;
}

@ArgsType()
export class ExtendGridOverGapArgs {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { nullable: true })
  version?: number;

  @Field(() => [Float], { description: 'A point [lng, lat] inside the uncovered piece next to the grid.' })
  point!: number[];
}
