import { FindingRectificationResolver, RectificationResolver } from './rectification/rectification.resolver';

/** The resolvers of issue #16 (rectification, member units, work orders, coverage history). */
export const loopResolvers = [RectificationResolver, FindingRectificationResolver] as const;
