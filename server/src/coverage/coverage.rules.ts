/**
 * The coverage rules (docs/coverage.md), as numbers. Thresholds from the city's
 * report: one grid per villager group in villages, 300–500 households per grid
 * in communities.
 */
export const RULES = {
  communityGridMaxHouseholds: 500, // over: WARNING
  communityGridCriticalHouseholds: 1000, // over: CRITICAL
  communityGridMinHouseholds: 300, // under: NOTICE
  /** Uncovered share of a unit from which UNCOVERED_LAND is CRITICAL rather than WARNING. */
  uncoveredCriticalShare: 0.1,
} as const;

export const FINDING_KINDS = [
  'UNCOVERED_LAND', 'OVERLAP', 'SPILL', 'UNSTAFFED_GRID', 'OVERSIZED_GRID', 'UNDERSIZED_GRID',
  'GRID_COUNT_MISMATCH', 'NO_PARTY_UNIT', 'NO_GRID_PARTY_UNIT',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];
