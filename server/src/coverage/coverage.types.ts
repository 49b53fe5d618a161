import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { BasicFilter } from '../common/list.inputs';

export enum FindingKind {
  UNCOVERED_LAND = 'UNCOVERED_LAND',
  OVERLAP = 'OVERLAP',
  SPILL = 'SPILL',
  UNSTAFFED_GRID = 'UNSTAFFED_GRID',
  OVERSIZED_GRID = 'OVERSIZED_GRID',
  UNDERSIZED_GRID = 'UNDERSIZED_GRID',
  GRID_COUNT_MISMATCH = 'GRID_COUNT_MISMATCH',
  NO_PARTY_UNIT = 'NO_PARTY_UNIT',
  NO_GRID_PARTY_UNIT = 'NO_GRID_PARTY_UNIT',
}
registerEnumType(FindingKind, {
  name: 'FindingKind',
  valuesConfig: {
    UNCOVERED_LAND: { description: '覆盖空白 land in no grid' },
    OVERLAP: { description: '重叠 land in two or more grids' },
    SPILL: { description: '越界 part of a grid outside its village or community' },
    UNSTAFFED_GRID: { description: '无网格员 a grid with no active grid worker' },
    OVERSIZED_GRID: { description: '网格过大 a community grid over 500 households' },
    UNDERSIZED_GRID: { description: '网格过小 a community grid under 300 households' },
    GRID_COUNT_MISMATCH: { description: '网格数与村民小组数不符 grids ≠ villager groups' },
    NO_PARTY_UNIT: { description: '网格无党组织 no party unit built on the grid' },
    NO_GRID_PARTY_UNIT: { description: '社区无网格党组织 a community with no grid party branch or group' },
  },
});

export enum Severity {
  CRITICAL = 'CRITICAL',
  WARNING = 'WARNING',
  NOTICE = 'NOTICE',
}
registerEnumType(Severity, {
  name: 'Severity',
  valuesConfig: { CRITICAL: { description: '严重' }, WARNING: { description: '警告' }, NOTICE: { description: '提示' } },
});

@ObjectType({ description: 'A coverage finding: a gap in the grid net. Its id stays the same across recomputes.' })
export class CoverageFinding {
  @Field(() => ID, { description: 'Stable: kind and subject, e.g. UNSTAFFED_GRID-g42, OVERLAP-g3-g7.' })
  id!: string;

  @Field(() => FindingKind)
  kind!: FindingKind;

  @Field(() => Severity)
  severity!: Severity;

  @Field(() => ID)
  villageId!: string;

  @Field(() => ID, { nullable: true, description: 'For overlaps across units: the other grid\'s unit.' })
  otherVillageId!: string | null;

  @Field(() => ID, { nullable: true })
  gridId!: string | null;

  @Field(() => ID, { nullable: true, description: 'For overlaps: the second grid.' })
  otherGridId!: string | null;

  @Field(() => String, { description: 'Name of the grid or unit concerned.' })
  subjectName!: string;

  @Field(() => String)
  messageZh!: string;

  @Field(() => String)
  messageEn!: string;

  @Field(() => Float, { nullable: true, description: 'Area of the gap, overlap or spill (m², on the spheroid).' })
  areaM2!: number | null;

  @Field(() => Float, { nullable: true, description: 'Households (size findings), uncovered share (UNCOVERED_LAND), grid count (GRID_COUNT_MISMATCH).' })
  value!: number | null;

  @Field(() => GeoJSONScalar, { nullable: true, description: 'A point on the finding, for a map marker.' })
  centroid!: Geometry | null;

  @Field(() => Date)
  computedAt!: Date;
}

@InputType()
export class CoverageFindingFilter extends BasicFilter {
  @Field(() => FindingKind, { nullable: true })
  kind?: FindingKind;

  @Field(() => [FindingKind], { nullable: true })
  kinds?: FindingKind[];

  @Field(() => Severity, { nullable: true })
  severity?: Severity;

  @Field(() => ID, { nullable: true })
  countyId?: string;

  @Field(() => ID, { nullable: true })
  townshipId?: string;

  @Field(() => ID, { nullable: true })
  villageId?: string;

  @Field(() => ID, { nullable: true })
  gridId?: string;

  @Field(() => [Float], { nullable: true, description: '[minLng, minLat, maxLng, maxLat]' })
  bbox?: number[];
}

@ObjectType()
export class KindCount {
  @Field(() => FindingKind)
  kind!: FindingKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType()
export class SeverityCount {
  @Field(() => Severity)
  severity!: Severity;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Coverage of one village or community.' })
export class UnitCoverage {
  @Field(() => ID)
  villageId!: string;

  @Field(() => Float)
  areaM2!: number;

  @Field(() => Float, { description: 'Uncovered land, pieces under the noise threshold ignored (m²).' })
  uncoveredM2!: number;

  @Field(() => Float, { nullable: true, description: '1 − uncovered / area.' })
  coveredShare!: number | null;

  @Field(() => Int)
  gridCount!: number;

  @Field(() => Int)
  householdsInGrids!: number;

  @Field(() => Date)
  computedAt!: Date;
}

@ObjectType({ description: 'An overlap between two grids.' })
export class OverlapPiece {
  @Field(() => ID)
  findingId!: string;

  @Field(() => ID)
  gridAId!: string;

  @Field(() => ID)
  gridBId!: string;

  @Field(() => Float)
  areaM2!: number;

  @Field(() => GeoJSONScalar)
  geometry!: Geometry;
}

@ObjectType({ description: 'Coverage roll-up for the city, a county, a township or one unit.' })
export class Coverage {
  /** Scope, kept for the geometry fields. */
  countyId?: number;
  townshipId?: number;
  villageId?: number;

  @Field(() => Int, { description: 'Village-level units with a boundary.' })
  units!: number;

  @Field(() => Int, { description: 'Units with no uncovered land.' })
  fullyCovered!: number;

  @Field(() => Float)
  areaM2!: number;

  @Field(() => Float)
  uncoveredM2!: number;

  @Field(() => Float, { nullable: true, description: 'Share of the area covered by grids.' })
  coveredShare!: number | null;

  @Field(() => Int)
  grids!: number;

  @Field(() => Int, { description: 'Households of the units (as registered).' })
  households!: number;

  @Field(() => Int, { description: 'Households counted in grids.' })
  householdsInGrids!: number;

  @Field(() => [KindCount])
  findingsByKind!: KindCount[];

  @Field(() => [SeverityCount])
  findingsBySeverity!: SeverityCount[];
}
