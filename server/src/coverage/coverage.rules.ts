/**
 * The coverage rules (docs/coverage.md): every finding kind, its severity and its thresholds,
 * defined here once. The SQL (coverage.sql.ts) receives them as parameters, the messages and the
 * GraphQL descriptions quote them, and the admin reads them through the `coverageRules` query.
 * Thresholds from the city's report: one grid per villager group in villages, 300–500 households
 * per grid in communities. Pure data: no database, no GraphQL (the unit tests import it as it is).
 */

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

/** Most severe first: the order of SEVERITY_ORDER in SQL and of every severity sort. */
export enum Severity {
  CRITICAL = 'CRITICAL',
  WARNING = 'WARNING',
  NOTICE = 'NOTICE',
}

export const FINDING_KINDS = Object.values(FindingKind);
export const SEVERITIES = Object.values(Severity);

/** One rule: the severity of its findings and, for rules with a second step, when and how it escalates. */
export interface FindingRule {
  kind: FindingKind;
  severity: Severity;
  /** From this value on (households, uncovered share) the finding is `criticalSeverity` instead. */
  criticalFrom?: number;
  criticalSeverity?: Severity;
}

/** The numbers of the rules; each severity sits next to the number that triggers it. */
export const RULES = {
  /** Land of a unit in no grid: WARNING; CRITICAL from this uncovered share of the unit on. */
  uncoveredLand: { severity: Severity.WARNING, criticalShare: 0.1, criticalSeverity: Severity.CRITICAL },
  /** Two grids sharing land (more than config.minOverlapM2). */
  overlap: { severity: Severity.WARNING },
  /** Part of a grid outside its unit (more than config.minOverlapM2). */
  spill: { severity: Severity.WARNING },
  /** A grid with no active grid worker. */
  unstaffedGrid: { severity: Severity.CRITICAL },
  /** A community grid over maxHouseholds: WARNING; over criticalHouseholds: CRITICAL. */
  oversizedGrid: {
    maxHouseholds: 500,
    severity: Severity.WARNING,
    criticalHouseholds: 1000,
    criticalSeverity: Severity.CRITICAL,
  },
  /** A community grid under minHouseholds. */
  undersizedGrid: { minHouseholds: 300, severity: Severity.NOTICE },
  /** A village whose grid count differs from its villager groups. */
  gridCountMismatch: { severity: Severity.NOTICE },
  /** A grid with no party unit built on it. */
  noPartyUnit: { severity: Severity.WARNING },
  /** A community with no party branch or group on any of its grids. */
  noGridPartyUnit: { severity: Severity.WARNING },
} as const;

/** The rules by finding kind, in the order of FindingKind. */
export const FINDING_RULES: readonly FindingRule[] = [
  {
    kind: FindingKind.UNCOVERED_LAND,
    severity: RULES.uncoveredLand.severity,
    criticalFrom: RULES.uncoveredLand.criticalShare,
    criticalSeverity: RULES.uncoveredLand.criticalSeverity,
  },
  { kind: FindingKind.OVERLAP, severity: RULES.overlap.severity },
  { kind: FindingKind.SPILL, severity: RULES.spill.severity },
  { kind: FindingKind.UNSTAFFED_GRID, severity: RULES.unstaffedGrid.severity },
  // "over 1000": the first CRITICAL size is one household more.
  {
    kind: FindingKind.OVERSIZED_GRID,
    severity: RULES.oversizedGrid.severity,
    criticalFrom: RULES.oversizedGrid.criticalHouseholds + 1,
    criticalSeverity: RULES.oversizedGrid.criticalSeverity,
  },
  { kind: FindingKind.UNDERSIZED_GRID, severity: RULES.undersizedGrid.severity },
  { kind: FindingKind.GRID_COUNT_MISMATCH, severity: RULES.gridCountMismatch.severity },
  { kind: FindingKind.NO_PARTY_UNIT, severity: RULES.noPartyUnit.severity },
  { kind: FindingKind.NO_GRID_PARTY_UNIT, severity: RULES.noGridPartyUnit.severity },
];
