/** The admin's resources (URL names) and the GraphQL types behind them. */
export const RESOURCES = {
  counties: { type: 'County' },
  townships: { type: 'Township' },
  villages: { type: 'Village' },
  communities: { type: 'Village', filter: { kind: 'COMMUNITY' }, defaults: { kind: 'COMMUNITY' } },
  grids: { type: 'Grid' },
  'party-units': { type: 'PartyUnit' },
  'grid-workers': { type: 'GridWorker' },
  findings: { type: 'CoverageFinding' },
  users: { type: 'User' },
  keys: { type: 'ApiKey' },
  'audit-events': { type: 'AuditEvent' },
  rectifications: { type: 'Rectification' },
  'work-orders': { type: 'WorkOrder' },
  'member-units': { type: 'MemberUnit' },
} as const satisfies Record<
  string,
  { type: string; filter?: Record<string, unknown>; defaults?: Record<string, unknown> }
>;

export type ResourceName = keyof typeof RESOURCES;

/** Where a village-level record lives in the admin: villages or communities. */
export const unitResource = (kind?: string | null): ResourceName => (kind === 'COMMUNITY' ? 'communities' : 'villages');
