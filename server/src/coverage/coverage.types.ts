import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GeoJSONScalar } from '../common/geojson.scalar';
import type { Geometry } from '../common/geojson';
import { BasicFilter } from '../common/list.inputs';
import { FindingKind, RULES, Severity } from './coverage.rules';

// The enums are defined with the rules (plain data); here they become GraphQL enums.
export { FindingKind, Severity };

registerEnumType(FindingKind, {
  name: 'FindingKind',
  valuesConfig: {
    UNCOVERED_LAND: { description: '覆盖空白 land in no grid' },
    OVERLAP: { description: '重叠 land in two or more grids' },
    SPILL: { description: '越界 part of a grid outside its village or community' },
    UNSTAFFED_GRID: { description: '无网格员 a grid with no active grid worker' },
    OVERSIZED_GRID: { description: `网格过大 a community grid over ${RULES.oversizedGrid.maxHouseholds} households` },
    UNDERSIZED_GRID: {
      description: `网格过小 a community grid under ${RULES.undersizedGrid.minHouseholds} households`,
    },
    GRID_COUNT_MISMATCH: { description: '网格数与村民小组数不符 grids ≠ villager groups' },
    NO_PARTY_UNIT: { description: '网格无党组织 no party unit built on the grid' },
    NO_GRID_PARTY_UNIT: { description: '社区无网格党组织 a community with no grid party branch or group' },
  },
});

registerEnumType(Severity, {
  name: 'Severity',
  valuesConfig: {
    CRITICAL: { description: '严重' },
    WARNING: { description: '警告' },
    NOTICE: { description: '提示' },
  },
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

  @Field(() => ID, { nullable: true, description: "For overlaps across units: the other grid's unit." })
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

  @Field(() => Float, {
    nullable: true,
    description: 'Households (size findings), uncovered share (UNCOVERED_LAND), grid count (GRID_COUNT_MISMATCH).',
  })
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

@ObjectType('FindingRule', {
  description: 'The rule of one finding kind: the severity of its findings, and when it escalates.',
})
class FindingRuleType {
  @Field(() => FindingKind)
  kind!: FindingKind;

  @Field(() => Severity, { description: 'Severity of its findings.' })
  severity!: Severity;

  @Field(() => Float, {
    nullable: true,
    description:
      'From this value on (households for OVERSIZED_GRID, uncovered share for UNCOVERED_LAND) a finding is criticalSeverity.',
  })
  criticalFrom!: number | null;

  @Field(() => Severity, { nullable: true })
  criticalSeverity!: Severity | null;
}

@ObjectType({
  description:
    'The coverage rules the findings are computed by (server/src/coverage/coverage.rules.ts): read them here, never retype them.',
})
export class CoverageRules {
  @Field(() => Int, {
    description: 'A community grid with more households than this is OVERSIZED_GRID (a grid of this many is not).',
  })
  communityGridMaxHouseholds!: number;

  @Field(() => Int, { description: 'A community grid with more households than this is a CRITICAL OVERSIZED_GRID.' })
  communityGridCriticalHouseholds!: number;

  @Field(() => Int, { description: 'A community grid with fewer households than this is UNDERSIZED_GRID.' })
  communityGridMinHouseholds!: number;

  @Field(() => Float, { description: 'Uncovered share of a unit (0–1) from which UNCOVERED_LAND is CRITICAL.' })
  uncoveredCriticalShare!: number;

  @Field(() => Float, { description: 'Uncovered pieces smaller than this (m²) are noise, not gaps.' })
  minGapM2!: number;

  @Field(() => Float, { description: 'Overlaps and spills up to this area (m²) are noise, not findings.' })
  minOverlapM2!: number;

  @Field(() => [FindingRuleType], { description: 'Every finding kind with its severity.' })
  findings!: FindingRuleType[];
}
