import { CoverageHistoryResolver, CoverageSnapshotDayResolver } from './coverage-history/coverage-history.resolver';
import { MemberUnitResolver } from './member-unit/member-unit.resolver';
import { FindingRectificationResolver, RectificationResolver } from './rectification/rectification.resolver';
import { ApiKeyScopeResolver } from './work-order/api-key-scope.resolver';
import { CityReportLoopResolver } from './work-order/city-report.resolver';
import { WorkOrderResolver } from './work-order/work-order.resolver';

/** The resolvers of issue #16 (rectification, member units, work orders, coverage history). */
export const loopResolvers = [
  RectificationResolver,
  FindingRectificationResolver,
  MemberUnitResolver,
  WorkOrderResolver,
  ApiKeyScopeResolver,
  CityReportLoopResolver,
  CoverageHistoryResolver,
  CoverageSnapshotDayResolver,
] as const;
