/** Data-provider methods of the read-only pages: dashboard, trends, rankings, print views. */
import type { CoverageRules } from '../common/useCoverageRules';
import type { Request } from './request';

export interface PrintWorker {
  id: string;
  name: string;
  phone: string | null;
  employment: string;
  active: boolean;
}
export interface PrintGrid {
  id: string;
  name: string;
  code: string | null;
  households: number | null;
  population: number | null;
  areaM2: number | null;
  geometry: any;
  leader: { id: string; name: string; phone: string | null } | null;
  workers: PrintWorker[];
  partyUnit: { name: string } | null;
}
export interface PrintVillage {
  id: string;
  name: string;
  code: string;
  kind: string;
  households: number | null;
  areaM2: number | null;
  geometry: any;
  township: { name: string; county: { name: string } | null } | null;
  grids: PrintGrid[];
  coverage?: { coveredShare: number | null; uncoveredM2: number | null } | null;
}

export interface CoverageScope {
  countyId?: string;
  townshipId?: string;
  villageId?: string;
}

const PRINT_GRID_FIELDS =
  'id name code households population areaM2 geometry leader { id name phone } workers { id name phone employment active } partyUnit { name }';

const REPORT_FIELDS = `villages communities villageGrids communityGrids workers naturalVillageGroups industryOrganisations
  communityCommittees gridBranches gridGroups households population`;
const WORK_ORDER_REPORT_FIELDS = `memberUnits committeeMemberUnits jointCommittees pairings pairedCommunities reportedPartyMembers workOrders workOrdersClaimed
  workOrdersDone workOrdersScored workOrderAverageScore workOrdersOverdue`;

export function reportMethods(request: Request) {
  const data = async <T>(query: string, variables?: Record<string, unknown>) =>
    (await request<T>(query, variables)).data;
  return {
    /** The coverage rules (thresholds, severities) the server computes findings by: see common/useCoverageRules.ts. */
    async getCoverageRules(): Promise<CoverageRules> {
      return (
        await data<{
          coverageRules: CoverageRules;
        }>(`{ coverageRules { communityGridMaxHouseholds communityGridCriticalHouseholds
        communityGridMinHouseholds uncoveredCriticalShare minGapM2 minOverlapM2 findings { kind severity criticalFrom criticalSeverity } } }`)
      ).coverageRules;
    },

    /** The city report's figures (cityReport) beside the counts of the list queries. */
    /** `overMax`: the household count from which a grid is over the rule (coverageRules.communityGridMaxHouseholds + 1). */
    async dashboardFigures(
      overMax: number,
    ): Promise<{ report: Record<string, number> | null; counts: Record<string, number> }> {
      const report = await data<{ cityReport: Record<string, number> }>(`{ cityReport { ${REPORT_FIELDS} } }`).then(
        (d) => d.cityReport,
        () => null,
      );
      const counts = await data<Record<string, { count: number }>>(
        `query($overMax: Int) {
        villages: _allVillagesMeta(filter: { kind: VILLAGE }) { count }
        communities: _allVillagesMeta(filter: { kind: COMMUNITY }) { count }
        grids: _allGridsMeta { count }
        workers: _allGridWorkersMeta(filter: { active: true }) { count }
        partyUnits: _allPartyUnitsMeta { count }
        unstaffed: _allGridsMeta(filter: { hasWorker: false }) { count }
        overMax: _allGridsMeta(filter: { minHouseholds: $overMax }) { count }
      }`,
        { overMax },
      );
      return { report, counts: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.count])) };
    },

    async coverageByCounty(): Promise<{ id: string; name: string; share: number | null; uncovered: number | null }[]> {
      const counties = (
        await data<{ allCounties: { id: string; name: string }[] }>(
          `{ allCounties(perPage: 100, sortField: "code", sortOrder: "ASC") { id name } }`,
        )
      ).allCounties;
      return Promise.all(
        counties.map(async (c) => {
          try {
            const cov = (
              await data<{ coverage: { coveredShare: number; uncoveredM2: number } }>(
                `query($id: ID) { coverage(countyId: $id) { coveredShare uncoveredM2 } }`,
                { id: c.id },
              )
            ).coverage;
            return { ...c, share: cov.coveredShare, uncovered: cov.uncoveredM2 };
          } catch {
            return { ...c, share: null, uncovered: null };
          }
        }),
      );
    },

    async worstFindings(): Promise<any[]> {
      return (
        await data<{ allCoverageFindings: any[] }>(
          `{ allCoverageFindings(perPage: 10, sortField: "severity", sortOrder: "ASC") { id kind severity villageId gridId messageZh messageEn areaM2 centroid } }`,
        )
      ).allCoverageFindings;
    },

    async coverageHistory(scope: CoverageScope | null): Promise<any[]> {
      return (
        await data<{ coverageHistory: any[] }>(
          `query($s: CoverageScopeInput) { coverageHistory(scope: $s, from: "2019-01-01") {
        day coveredShare grids workers unstaffedGrids oversizedCritical generated findingsBySeverity { severity count } } }`,
          { s: scope },
        )
      ).coverageHistory;
    },

    async workOrderTotals(villageId: string): Promise<Record<string, number | null>> {
      return (
        await data<{ workOrderFigures: { totals: Record<string, number | null> } }>(
          'query($v: ID) { workOrderFigures(villageId: $v) { totals { total claimed done scored averageScore overdue } } }',
          { v: villageId },
        )
      ).workOrderFigures.totals;
    },

    async workOrderReport(): Promise<Record<string, number | null>> {
      return (
        await data<{ cityReport: Record<string, number | null> }>(`{ cityReport { ${WORK_ORDER_REPORT_FIELDS} } }`)
      ).cityReport;
    },

    /** Rectification figures by township and kind, and the township ranking (乡镇排名). */
    async rectificationFigures(): Promise<{ stats: any[]; ranking: any[] }> {
      const d = await data<{ rectificationStats: any[]; rectificationRanking: any[] }>(
        '{ rectificationStats { townshipId kind open openCritical overdue waived closed } rectificationRanking { rank townshipId townshipName countyName open openCritical overdue daysOverdue closed } }',
      );
      return { stats: d.rectificationStats, ranking: d.rectificationRanking };
    },

    /** A village with its grids, 网格长 and workers, for the 网格信息卡 and the 网格公示图. */
    async villageForPrint(id: string): Promise<PrintVillage> {
      return (
        await data<{ Village: PrintVillage }>(
          `query($id: ID!) { Village(id: $id) { id name code kind households areaM2 geometry
        township { name county { name } } grids { ${PRINT_GRID_FIELDS} } coverage { coveredShare uncoveredM2 } } }`,
          { id },
        )
      ).Village;
    },

    async gridVillageId(gridId: string): Promise<string> {
      return String(
        (await data<{ Grid: { villageId: string } }>(`query($id: ID!) { Grid(id: $id) { villageId } }`, { id: gridId }))
          .Grid.villageId,
      );
    },
  };
}
