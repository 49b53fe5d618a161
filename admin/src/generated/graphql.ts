export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string | number; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar.This scalar is serialized to a string in ISO 8601 format and parsed from a string in ISO 8601 format. */
  DateTimeISO: { input: string; output: string; }
  /** A GeoJSON geometry object (RFC 7946), coordinates in EPSG:4326 longitude/latitude. */
  GeoJSON: { input: import("geojson").Geometry; output: import("geojson").Geometry; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** An API key for another service (read-only unless given scopes, e.g. IMPORT). The key itself is shown once, at creation. */
export type ApiKey = {
  __typename?: 'ApiKey';
  /** Limited to coverage, coverage findings and gridAt. */
  coverageOnly: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  createdBy: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** The key itself: only in the response of createApiKey. Send it as "Authorization: ApiKey <key>". */
  key: Maybe<Scalars['String']['output']>;
  lastUsedAt: Maybe<Scalars['DateTimeISO']['output']>;
  name: Scalars['String']['output'];
  /** The user who created the key: an IMPORT key imports with this user's role and units, never more. */
  ownerId: Maybe<Scalars['ID']['output']>;
  /** The first characters of the key, to recognise it. */
  prefix: Scalars['String']['output'];
  revokedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** What the key may do besides reading. */
  scopes: Array<ApiKeyScope>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type ApiKeyFilter = {
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  revoked?: InputMaybe<Scalars['Boolean']['input']>;
};

export const ApiKeyScope = {
  /** may import (POST /api/import and its dry run) with the role and units of the key's owner, never more */
  Import: 'IMPORT',
  /** may create work orders (POST /api/work-orders) */
  WorkOrdersCreate: 'WORK_ORDERS_CREATE'
} as const;

export type ApiKeyScope = typeof ApiKeyScope[keyof typeof ApiKeyScope];
/** One change to one record: who, when, what, and the record before and after (geometry included). */
export type AuditEvent = {
  __typename?: 'AuditEvent';
  after: Maybe<Scalars['JSONObject']['output']>;
  at: Scalars['DateTimeISO']['output'];
  before: Maybe<Scalars['JSONObject']['output']>;
  /** The change (one write) this event belongs to: revertChange undoes it whole. */
  changeId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  /** create, update, delete, updateBoundary, split, merge, extendOverGap, revoke, restore… */
  operation: Scalars['String']['output'];
  recordId: Maybe<Scalars['ID']['output']>;
  recordType: Scalars['String']['output'];
  role: Scalars['String']['output'];
  userId: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
};

export type AuditEventFilter = {
  changeId?: InputMaybe<Scalars['ID']['input']>;
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  operation?: InputMaybe<Scalars['String']['input']>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  recordId?: InputMaybe<Scalars['ID']['input']>;
  recordType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
  username?: InputMaybe<Scalars['String']['input']>;
};

/** A base map the admin offers under the grids. */
export type BaseMap = {
  __typename?: 'BaseMap';
  /** Attribution shown on the map (required for XYZ and WMTS). */
  attribution: Maybe<Scalars['String']['output']>;
  /** The tiles are in GCJ-02 (Gaode/Tencent style): the admin shifts the grids for display and back on save. */
  gcj02: Scalars['Boolean']['output'];
  /** Stable id, [a-z0-9_-]{1,32}. */
  id: Scalars['String']['output'];
  kind: BaseMapKind;
  /** An optional label/overlay template drawn above the base (same placeholders). */
  labelUrl: Maybe<Scalars['String']['output']>;
  /** The deepest zoom level the provider serves. */
  maxZoom: Scalars['Int']['output'];
  /** The name shown in the layer switcher. */
  name: Scalars['String']['output'];
  /** For TIANDITU: which preset. */
  preset: Maybe<TiandituPreset>;
  /** Subdomains for {s}, e.g. "01234567". */
  subdomains: Maybe<Scalars['String']['output']>;
  /** For XYZ and WMTS: the tile URL template ({z}, {x}, {y}, optional {s}). */
  url: Maybe<Scalars['String']['output']>;
};

export type BaseMapInput = {
  attribution?: InputMaybe<Scalars['String']['input']>;
  gcj02?: InputMaybe<Scalars['Boolean']['input']>;
  id: Scalars['String']['input'];
  kind: BaseMapKind;
  labelUrl?: InputMaybe<Scalars['String']['input']>;
  maxZoom?: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  preset?: InputMaybe<TiandituPreset>;
  subdomains?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

/** How a base map is addressed: TIANDITU preset, XYZ template, WMTS KVP template. */
export const BaseMapKind = {
  Tianditu: 'TIANDITU',
  Wmts: 'WMTS',
  Xyz: 'XYZ'
} as const;

export type BaseMapKind = typeof BaseMapKind[keyof typeof BaseMapKind];
/** One write (a mutation, an undo, a script run): who, when, what, the units it touched; its audit events are the records it changed. revertChange undoes it whole. */
export type Change = {
  __typename?: 'Change';
  at: Scalars['DateTimeISO']['output'];
  /** How many records it changed (one audit event each). */
  eventCount: Scalars['Int']['output'];
  /** The records it changed, one event each (before and after). */
  events: Array<AuditEvent>;
  id: Scalars['ID']['output'];
  /** The mutation (createGrid, splitGrid, updateGridBoundary…), revertChange or redoChange, or a script (import). */
  operation: Scalars['String']['output'];
  /** Types of the records it changed. */
  recordTypes: Array<Scalars['String']['output']>;
  /** The latest change that undid this one, if any. */
  revertedByChangeId: Maybe<Scalars['ID']['output']>;
  /** The change this one undid (or, for a redo, the undo it undid). */
  revertsChangeId: Maybe<Scalars['ID']['output']>;
  role: Scalars['String']['output'];
  /** What changed, in a line. */
  summary: Maybe<Scalars['String']['output']>;
  userId: Maybe<Scalars['ID']['output']>;
  username: Scalars['String']['output'];
  /** Village-level units whose coverage it touched. */
  villageIds: Array<Scalars['ID']['output']>;
};

export type ChangeFilter = {
  from?: InputMaybe<Scalars['DateTimeISO']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  operation?: InputMaybe<Scalars['String']['input']>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  /** …with this id (with recordType). */
  recordId?: InputMaybe<Scalars['ID']['input']>;
  /** Changes that changed a record of this type… */
  recordType?: InputMaybe<Scalars['String']['input']>;
  to?: InputMaybe<Scalars['DateTimeISO']['input']>;
  /** A village-level unit (village or community) the change touched. */
  unit?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
  /** Same as unit. */
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

/** A record a change wrote, as its audit event names it. */
export type ChangedRecord = {
  __typename?: 'ChangedRecord';
  id: Maybe<Scalars['Int']['output']>;
  /** The operation of the audit event (create, update, delete, split, merge…). */
  operation: Scalars['String']['output'];
  /** Record type: Grid, Village, GridWorker, PartyUnit… */
  type: Scalars['String']['output'];
};

/** The figures of the city's report (五到基层), computed from the data, for the city or one county. */
export type CityReport = {
  __typename?: 'CityReport';
  activeWorkers: Scalars['Int']['output'];
  /** Member units in a joint party committee (联合党委) (report: Tongxin 106). */
  committeeMemberUnits: Scalars['Int']['output'];
  /** Communities (社区, farm living areas included). */
  communities: Scalars['Int']['output'];
  /** Community party organisations that are party committees (report: 8). */
  communityCommittees: Scalars['Int']['output'];
  /** Grids in communities (report: 699). */
  communityGrids: Scalars['Int']['output'];
  communityHouseholds: Scalars['Int']['output'];
  counties: Scalars['Int']['output'];
  /** The county, or null for the whole city. */
  countyId: Maybe<Scalars['ID']['output']>;
  /** Grid party branches (report: 47). */
  gridBranches: Scalars['Int']['output'];
  /** Grid and building party groups (report: 257). */
  gridGroups: Scalars['Int']['output'];
  grids: Scalars['Int']['output'];
  gridsByKind: Array<CityReportGridCount>;
  /** Households (户) registered on the villages and communities. */
  households: Scalars['Int']['output'];
  /** Households recorded on the grids. */
  householdsInGrids: Scalars['Int']['output'];
  /** Industry party organisations (report: 231). */
  industryOrganisations: Scalars['Int']['output'];
  /** Communities with a joint party committee (report: Tongxin 5). */
  jointCommittees: Scalars['Int']['output'];
  /** Member units (成员单位) of the communities' joint committees or paired with them (report: 633 paired; Tongxin 106 in 5 committees). */
  memberUnits: Scalars['Int']['output'];
  /** Natural-village party groups (report: 1,299). */
  naturalVillageGroups: Scalars['Int']['output'];
  /** Communities with at least one paired unit (report: 80). */
  pairedCommunities: Scalars['Int']['output'];
  /** Pairings (结对共建) of units with communities (report: 633). */
  pairings: Scalars['Int']['output'];
  partyUnits: Scalars['Int']['output'];
  partyUnitsByLevelAndKind: Array<CityReportPartyUnitCount>;
  /** Population (人口) registered on the villages and communities. */
  population: Scalars['Int']['output'];
  /** In-service party members who reported to communities (双报到; report: over 8,000). */
  reportedPartyMembers: Scalars['Int']['output'];
  /** Townships and streets (乡镇/街道). */
  townships: Scalars['Int']['output'];
  /** Grids in villages (report: 3,184). */
  villageGrids: Scalars['Int']['output'];
  villageHouseholds: Scalars['Int']['output'];
  /** Villager groups (村民小组) registered on the villages. */
  villagerGroups: Scalars['Int']['output'];
  /** Villages (村). */
  villages: Scalars['Int']['output'];
  /** Average score of scored work orders, 0–100. */
  workOrderAverageScore: Maybe<Scalars['Float']['output']>;
  /** Work orders (民情交办单). */
  workOrders: Scalars['Int']['output'];
  /** Work orders claimed (认领) by a member unit (report: Tongxin 99). */
  workOrdersClaimed: Scalars['Int']['output'];
  /** Work orders done (result reported or scored). */
  workOrdersDone: Scalars['Int']['output'];
  /** Open work orders past their deadline (today in Asia/Shanghai). */
  workOrdersOverdue: Scalars['Int']['output'];
  /** Work orders scored by the community (考核赋分). */
  workOrdersScored: Scalars['Int']['output'];
  /** Grid workers (report: 4,439); in a county, those assigned to its grids. */
  workers: Scalars['Int']['output'];
  workersBySource: Array<CityReportWorkerCount>;
};

/** Grids of one kind in villages or in communities. */
export type CityReportGridCount = {
  __typename?: 'CityReportGridCount';
  count: Scalars['Int']['output'];
  kind: GridKind;
  /** VILLAGE: grids in villages; COMMUNITY: grids in communities. */
  unitKind: VillageKind;
};

/** Party units of one level and kind. */
export type CityReportPartyUnitCount = {
  __typename?: 'CityReportPartyUnitCount';
  count: Scalars['Int']['output'];
  kind: PartyUnitKind;
  level: PartyUnitLevel;
  /** Of which built on a grid (grid set). */
  onGrids: Scalars['Int']['output'];
};

/** Grid workers of one source and employment. */
export type CityReportWorkerCount = {
  __typename?: 'CityReportWorkerCount';
  /** Of which active. */
  active: Scalars['Int']['output'];
  count: Scalars['Int']['output'];
  employment: Employment;
  source: WorkerSource;
};

/** 县区: a county or district of Wuzhong (e.g. 640302 利通区). */
export type County = {
  __typename?: 'County';
  /** Area in square metres, computed on the spheroid (geography). */
  areaM2: Maybe<Scalars['Float']['output']>;
  /** The centroid as a GeoJSON Point. */
  centroid: Maybe<Scalars['GeoJSON']['output']>;
  /** 6-digit division code. */
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** The boundary as GeoJSON (MultiPolygon, EPSG:4326). */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  /** Its townships and streets. */
  townships: Array<Township>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type CountyFilter = {
  /** Intersects [minLng, minLat, maxLng, maxLat]. */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Contains the point [lng, lat] (boundary included). */
  containsPoint?: InputMaybe<Array<Scalars['Float']['input']>>;
  dwithin?: InputMaybe<DWithinInput>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Intersects this GeoJSON geometry. */
  intersects?: InputMaybe<Scalars['GeoJSON']['input']>;
  /** Name or code contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
};

/** Coverage roll-up for the city, a county, a township or one unit. */
export type Coverage = {
  __typename?: 'Coverage';
  areaM2: Scalars['Float']['output'];
  /** Share of the area covered by grids. */
  coveredShare: Maybe<Scalars['Float']['output']>;
  findingsByKind: Array<KindCount>;
  findingsBySeverity: Array<SeverityCount>;
  /** Units with no uncovered land. */
  fullyCovered: Scalars['Int']['output'];
  grids: Scalars['Int']['output'];
  /** Households of the units (as registered). */
  households: Scalars['Int']['output'];
  /** Households counted in grids. */
  householdsInGrids: Scalars['Int']['output'];
  /** Overlaps between grids, each with its geometry. */
  overlaps: Array<OverlapPiece>;
  /** With coverage(asOf): the day of the snapshot that answered (null: live data). */
  snapshotDay: Maybe<Scalars['String']['output']>;
  /** Uncovered land as a MultiPolygon; simplify: tolerance in metres. */
  uncovered: Maybe<Scalars['GeoJSON']['output']>;
  uncoveredM2: Scalars['Float']['output'];
  /** Village-level units with a boundary. */
  units: Scalars['Int']['output'];
};


/** Coverage roll-up for the city, a county, a township or one unit. */
export type CoverageOverlapsArgs = {
  simplify: InputMaybe<Scalars['Float']['input']>;
};


/** Coverage roll-up for the city, a county, a township or one unit. */
export type CoverageUncoveredArgs = {
  simplify: InputMaybe<Scalars['Float']['input']>;
};

/** A coverage finding: a gap in the grid net. Its id stays the same across recomputes. */
export type CoverageFinding = {
  __typename?: 'CoverageFinding';
  /** Area of the gap, overlap or spill (m², on the spheroid). */
  areaM2: Maybe<Scalars['Float']['output']>;
  /** A point on the finding, for a map marker. */
  centroid: Maybe<Scalars['GeoJSON']['output']>;
  computedAt: Scalars['DateTimeISO']['output'];
  /** The gap, overlap or spill itself (null for findings about records). */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  grid: Maybe<Grid>;
  gridId: Maybe<Scalars['ID']['output']>;
  /** Stable: kind and subject, e.g. UNSTAFFED_GRID-g42, OVERLAP-g3-g7. */
  id: Scalars['ID']['output'];
  kind: FindingKind;
  messageEn: Scalars['String']['output'];
  messageZh: Scalars['String']['output'];
  /** For overlaps: the second grid. */
  otherGridId: Maybe<Scalars['ID']['output']>;
  /** For overlaps across units: the other grid's unit. */
  otherVillageId: Maybe<Scalars['ID']['output']>;
  /** Its rectification (整改): status, assignee, deadline. */
  rectification: Maybe<Rectification>;
  severity: Severity;
  /** Name of the grid or unit concerned. */
  subjectName: Scalars['String']['output'];
  /** Households (size findings), uncovered share (UNCOVERED_LAND), grid count (GRID_COUNT_MISMATCH). */
  value: Maybe<Scalars['Float']['output']>;
  village: Village;
  villageId: Scalars['ID']['output'];
};

export type CoverageFindingFilter = {
  /** [minLng, minLat, maxLng, maxLat] */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  gridId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind?: InputMaybe<FindingKind>;
  kinds?: InputMaybe<Array<FindingKind>>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  severity?: InputMaybe<Severity>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

/** One day's coverage roll-up of a scope (a snapshot). */
export type CoverageHistoryPoint = {
  __typename?: 'CoverageHistoryPoint';
  areaM2: Scalars['Float']['output'];
  coveredShare: Maybe<Scalars['Float']['output']>;
  /** YYYY-MM-DD (Asia/Shanghai). */
  day: Scalars['String']['output'];
  findingsByKind: Array<KindCount>;
  findingsBySeverity: Array<SeverityCount>;
  fullyCovered: Scalars['Int']['output'];
  /** Generated history (seed), not a real snapshot. */
  generated: Scalars['Boolean']['output'];
  grids: Scalars['Int']['output'];
  households: Scalars['Int']['output'];
  householdsInGrids: Scalars['Int']['output'];
  /** Community grids over 1,000 households. */
  oversizedCritical: Scalars['Int']['output'];
  scopeId: Maybe<Scalars['ID']['output']>;
  /** CITY, COUNTY, TOWNSHIP or VILLAGE. */
  scopeType: Scalars['String']['output'];
  uncoveredM2: Scalars['Float']['output'];
  units: Scalars['Int']['output'];
  /** Grids with no active worker (有网格无力量). */
  unstaffedGrids: Scalars['Int']['output'];
  /** Active grid workers on the grids (a worker on grids of two units counts in both). */
  workers: Scalars['Int']['output'];
};

/** The coverage rules the findings are computed by (server/src/coverage/coverage.rules.ts): read them here, never retype them. */
export type CoverageRules = {
  __typename?: 'CoverageRules';
  /** A community grid with more households than this is a CRITICAL OVERSIZED_GRID. */
  communityGridCriticalHouseholds: Scalars['Int']['output'];
  /** A community grid with more households than this is OVERSIZED_GRID (a grid of this many is not). */
  communityGridMaxHouseholds: Scalars['Int']['output'];
  /** A community grid with fewer households than this is UNDERSIZED_GRID. */
  communityGridMinHouseholds: Scalars['Int']['output'];
  /** Every finding kind with its severity. */
  findings: Array<FindingRule>;
  /** Uncovered pieces smaller than this (m²) are noise, not gaps. */
  minGapM2: Scalars['Float']['output'];
  /** Overlaps and spills up to this area (m²) are noise, not findings. */
  minOverlapM2: Scalars['Float']['output'];
  /** Uncovered share of a unit (0–1) from which UNCOVERED_LAND is CRITICAL. */
  uncoveredCriticalShare: Scalars['Float']['output'];
};

/** One of countyId, townshipId, villageId; none: the city. */
export type CoverageScopeInput = {
  countyId?: InputMaybe<Scalars['ID']['input']>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

/** Within a distance of a point. */
export type DWithinInput = {
  meters: Scalars['Float']['input'];
  /** [lng, lat] */
  point: Array<Scalars['Float']['input']>;
};

/** One committed change: the data version it made and what it touched. */
export type DataChange = {
  __typename?: 'DataChange';
  /** True after a change too large to list (a full rebuild): reload everything. */
  allUnits: Scalars['Boolean']['output'];
  /** When the change was made (ISO 8601). */
  at: Scalars['String']['output'];
  operations: Array<Scalars['String']['output']>;
  /** The records written (at most 1000; empty for coverage-only keys). */
  records: Array<ChangedRecord>;
  recordsTruncated: Scalars['Boolean']['output'];
  /** The data version after the change; resume with dataChanged(since: version). */
  version: Scalars['Float']['output'];
  /** Village-level units whose data or coverage changed. */
  villageIds: Array<Scalars['Int']['output']>;
};

export const Employment = {
  /** 专职 full-time */
  FullTime: 'FULL_TIME',
  /** 兼职 part-time */
  PartTime: 'PART_TIME'
} as const;

export type Employment = typeof Employment[keyof typeof Employment];
export const FindingKind = {
  /** 网格数与村民小组数不符 grids ≠ villager groups */
  GridCountMismatch: 'GRID_COUNT_MISMATCH',
  /** 社区无网格党组织 a community with no grid party branch or group */
  NoGridPartyUnit: 'NO_GRID_PARTY_UNIT',
  /** 网格无党组织 no party unit built on the grid */
  NoPartyUnit: 'NO_PARTY_UNIT',
  /** 重叠 land in two or more grids */
  Overlap: 'OVERLAP',
  /** 网格过大 a community grid over 500 households */
  OversizedGrid: 'OVERSIZED_GRID',
  /** 越界 part of a grid outside its village or community */
  Spill: 'SPILL',
  /** 覆盖空白 land in no grid */
  UncoveredLand: 'UNCOVERED_LAND',
  /** 网格过小 a community grid under 300 households */
  UndersizedGrid: 'UNDERSIZED_GRID',
  /** 无网格员 a grid with no active grid worker */
  UnstaffedGrid: 'UNSTAFFED_GRID'
} as const;

export type FindingKind = typeof FindingKind[keyof typeof FindingKind];
/** The rule of one finding kind: the severity of its findings, and when it escalates. */
export type FindingRule = {
  __typename?: 'FindingRule';
  /** From this value on (households for OVERSIZED_GRID, uncovered share for UNCOVERED_LAND) a finding is criticalSeverity. */
  criticalFrom: Maybe<Scalars['Float']['output']>;
  criticalSeverity: Maybe<Severity>;
  kind: FindingKind;
  /** Severity of its findings. */
  severity: Severity;
};

/** 网格: a grid, the smallest unit of the net, staffed by grid workers. */
export type Grid = {
  __typename?: 'Grid';
  /** Area in square metres, computed on the spheroid (geography). */
  areaM2: Maybe<Scalars['Float']['output']>;
  /** The centroid as a GeoJSON Point. */
  centroid: Maybe<Scalars['GeoJSON']['output']>;
  code: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Findings about this grid (overlaps included). */
  findings: Array<CoverageFinding>;
  /** The boundary as GeoJSON (MultiPolygon, EPSG:4326). */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  /** 户数 */
  households: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  kind: GridKind;
  /** 网格长: the worker who leads the grid (one of its workers). */
  leader: Maybe<GridWorker>;
  /** 网格长: the id of the worker who leads the grid. */
  leaderId: Maybe<Scalars['ID']['output']>;
  name: Scalars['String']['output'];
  /** The party unit built on this grid (the highest level when several). */
  partyUnit: Maybe<PartyUnit>;
  /** Every party unit built on this grid. */
  partyUnits: Array<PartyUnit>;
  /** 人口 */
  population: Maybe<Scalars['Int']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  village: Village;
  villageId: Scalars['ID']['output'];
  workerIds: Array<Scalars['ID']['output']>;
  /** Its grid workers (网格员). */
  workers: Array<GridWorker>;
};

export type GridFilter = {
  /** Intersects [minLng, minLat, maxLng, maxLat]. */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Contains the point [lng, lat] (boundary included). */
  containsPoint?: InputMaybe<Array<Scalars['Float']['input']>>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  dwithin?: InputMaybe<DWithinInput>;
  /** true: grids a party unit is built on; false: grids with none. */
  hasPartyUnit?: InputMaybe<Scalars['Boolean']['input']>;
  /** true: grids with an active worker; false: grids with none. */
  hasWorker?: InputMaybe<Scalars['Boolean']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Intersects this GeoJSON geometry. */
  intersects?: InputMaybe<Scalars['GeoJSON']['input']>;
  kind?: InputMaybe<GridKind>;
  /** At most this many households. */
  maxHouseholds?: InputMaybe<Scalars['Int']['input']>;
  /** At least this many households. */
  minHouseholds?: InputMaybe<Scalars['Int']['input']>;
  /** Name or code contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
  /** Grids this worker is assigned to. */
  workerId?: InputMaybe<Scalars['ID']['input']>;
};

export const GridKind = {
  /** 楼栋 building */
  Building: 'BUILDING',
  /** 商贸楼宇 commercial building */
  Commercial: 'COMMERCIAL',
  /** 自然村 natural village */
  NaturalVillage: 'NATURAL_VILLAGE',
  /** 其他 other */
  Other: 'OTHER',
  /** 小区 residential compound */
  ResidentialCompound: 'RESIDENTIAL_COMPOUND',
  /** 村民小组 villager group */
  VillagerGroup: 'VILLAGER_GROUP'
} as const;

export type GridKind = typeof GridKind[keyof typeof GridKind];
/** 网格员: a grid worker, assigned to one or more grids. */
export type GridWorker = {
  __typename?: 'GridWorker';
  /** An inactive worker no longer staffs a grid. */
  active: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  employment: Employment;
  gridIds: Array<Scalars['ID']['output']>;
  /** The grids the worker is assigned to. */
  grids: Array<Grid>;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  phone: Maybe<Scalars['String']['output']>;
  source: WorkerSource;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type GridWorkerFilter = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  employment?: InputMaybe<Employment>;
  /** Workers assigned to this grid. */
  gridId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<WorkerSource>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  /** Workers assigned to a grid of this village or community. */
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

export type KindCount = {
  __typename?: 'KindCount';
  count: Scalars['Int']['output'];
  kind: FindingKind;
};

/** The size of a filtered list (ra-data-graphql-simple). */
export type ListMetadata = {
  __typename?: 'ListMetadata';
  count: Scalars['Int']['output'];
};

export type LoginResult = {
  __typename?: 'LoginResult';
  expiresAt: Scalars['DateTimeISO']['output'];
  /** Send it as "Authorization: Bearer <token>". */
  token: Scalars['String']['output'];
  user: User;
};

/** The admin map's base maps, chosen at run time by an administrator. */
export type MapSettings = {
  __typename?: 'MapSettings';
  baseMaps: Array<BaseMap>;
  /** The base map shown first; null: none (offline, the default). */
  defaultBaseMap: Maybe<Scalars['String']['output']>;
  /** The 天地图 key (tk), entered once; signed-in users get it because their browsers ask 天地图 for tiles with it. */
  tiandituKey: Maybe<Scalars['String']['output']>;
  updatedAt: Maybe<Scalars['DateTimeISO']['output']>;
  updatedBy: Maybe<Scalars['String']['output']>;
};

/** 成员单位: an agency, enterprise or institution in a community's joint party committee (联合党委), paired with communities (结对共建). */
export type MemberUnit = {
  __typename?: 'MemberUnit';
  /** The community whose joint party committee (联合党委) it belongs to. */
  committeeVillageId: Maybe<Scalars['ID']['output']>;
  committeeVillageName: Maybe<Scalars['String']['output']>;
  contactName: Maybe<Scalars['String']['output']>;
  contactPhone: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Its work orders: handed, claimed, done, average score, overdue. */
  figures: WorkOrderFigures;
  /** Generated demonstration data (seed), not real. */
  generated: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  kind: MemberUnitKind;
  name: Scalars['String']['output'];
  /** Communities it is paired with (结对共建). */
  pairedVillageIds: Array<Scalars['ID']['output']>;
  /** In-service party members who reported to their communities (双报到). */
  reportedMembers: Scalars['Int']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Users who act for the unit (claim and report work orders). */
  userIds: Array<Scalars['ID']['output']>;
  version: Scalars['Int']['output'];
};

export type MemberUnitFilter = {
  committeeVillageId?: InputMaybe<Scalars['ID']['input']>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  generated?: InputMaybe<Scalars['Boolean']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind?: InputMaybe<MemberUnitKind>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  userId?: InputMaybe<Scalars['ID']['input']>;
  /** In the joint committee of, or paired with, this community. */
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

export const MemberUnitKind = {
  /** 机关 government agency */
  Agency: 'AGENCY',
  /** 企业 enterprise */
  Enterprise: 'ENTERPRISE',
  /** 事业单位 public institution (school, hospital…) */
  Institution: 'INSTITUTION',
  /** 其他 other */
  Other: 'OTHER',
  /** 社会组织 social organisation */
  SocialOrganisation: 'SOCIAL_ORGANISATION'
} as const;

export type MemberUnitKind = typeof MemberUnitKind[keyof typeof MemberUnitKind];
export type Mutation = {
  __typename?: 'Mutation';
  /** Assigns a finding to a township or a user, with a deadline and a note. */
  assignRectification: Rectification;
  /** 社区交单: the community hands the order to a member unit, with a deadline (default 7 days). */
  assignWorkOrder: WorkOrder;
  /** Cancels an open order, with a reason. */
  cancelWorkOrder: WorkOrder;
  /** Changes your own password; your other sessions end. */
  changePassword: Scalars['Boolean']['output'];
  /** 认领: the member unit claims the order. */
  claimWorkOrder: WorkOrder;
  commentRectification: Rectification;
  createApiKey: ApiKey;
  createCounty: County;
  createGrid: Grid;
  /** A new grid covering exactly the uncovered piece of land at a point. */
  createGridFromGap: Grid;
  createGridWorker: GridWorker;
  createMemberUnit: MemberUnit;
  createPartyUnit: PartyUnit;
  createTownship: Township;
  createUser: User;
  createVillage: Village;
  /** 居民点单: reports a problem at a point (routed by gridAt) or in a given village/community. */
  createWorkOrder: WorkOrder;
  /** Deletes and returns the record as it was. */
  deleteApiKey: ApiKey;
  /** Deletes and returns the record as it was. */
  deleteCounty: County;
  /** Deletes and returns the record as it was. */
  deleteGrid: Grid;
  /** Deletes and returns the record as it was. */
  deleteGridWorker: GridWorker;
  /** Deletes and returns the unit as it was; refused while it has open work orders. */
  deleteMemberUnit: MemberUnit;
  /** Deletes and returns the record as it was. */
  deletePartyUnit: PartyUnit;
  /** Deletes and returns the record as it was. */
  deleteTownship: Township;
  /** Deletes and returns the record as it was. */
  deleteUser: User;
  /** Deletes and returns the record as it was. */
  deleteVillage: Village;
  /** Deletes a mistaken order (administrators only). */
  deleteWorkOrder: WorkOrder;
  /** Extends a grid over the uncovered piece of land next to it. */
  extendGridOverGap: Grid;
  /** Signs in; the token goes in "Authorization: Bearer <token>". Repeated failures lock the account for a while. */
  login: LoginResult;
  /** Merges touching grids of one unit into the first. */
  mergeGrids: Grid;
  /** 办结: the member unit reports the result. */
  reportWorkOrder: WorkOrder;
  /** Restores a grid's geometry and attributes as they were before (or after) an audit event. Administrators only; itself audited. */
  restoreGrid: Grid;
  /** Undoes a whole change in one transaction (all grids of a split, merge, shared-edge move…; geometry, attributes, workers, party links). The undo is itself a change: revert it to redo. CONFLICT when a later change touched the same records (it names that change). Editors within their scope. */
  revertChange: Change;
  /** Revokes a key: it stops working at once. */
  revokeApiKey: ApiKey;
  /** 考核赋分: the community scores the result (1–5 or 0–100) with a comment. */
  scoreWorkOrder: WorkOrder;
  /** Sets what a key may do besides reading (administrators only). */
  setApiKeyScopes: ApiKey;
  /** Cuts a grid in two along a line; returns [the original, the new one]. */
  splitGrid: Array<Grid>;
  /** Takes today's snapshot now (administrators only); replaces today's. Returns the rows written. */
  takeCoverageSnapshot: Scalars['Int']['output'];
  /** Takes a waiver back (administrators only). */
  unwaiveRectification: Rectification;
  updateApiKey: ApiKey;
  updateCounty: County;
  updateGrid: Grid;
  /** A new boundary; sibling grids sharing the moved edges follow (no gap or overlap opens). Returns every grid changed. */
  updateGridBoundary: Array<Grid>;
  updateGridWorker: GridWorker;
  /** Replaces the base maps (ADMIN only; audited as MapSettings). Offline when the list is empty. */
  updateMapSettings: MapSettings;
  updateMemberUnit: MemberUnit;
  updatePartyUnit: PartyUnit;
  updateTownship: Township;
  updateUser: User;
  updateVillage: Village;
  /** Edits the text of an order not yet claimed. */
  updateWorkOrder: WorkOrder;
  /** Waives a finding with a reason (administrators only). */
  waiveRectification: Rectification;
};


export type MutationAssignRectificationArgs = {
  deadline: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  note: InputMaybe<Scalars['String']['input']>;
  townshipId: InputMaybe<Scalars['ID']['input']>;
  userId: InputMaybe<Scalars['ID']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationAssignWorkOrderArgs = {
  deadline: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  memberUnitId: Scalars['ID']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationCancelWorkOrderArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationChangePasswordArgs = {
  newPassword: Scalars['String']['input'];
  oldPassword: Scalars['String']['input'];
};


export type MutationClaimWorkOrderArgs = {
  id: Scalars['ID']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationCommentRectificationArgs = {
  id: Scalars['ID']['input'];
  text: Scalars['String']['input'];
};


export type MutationCreateApiKeyArgs = {
  coverageOnly: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  ownerId: InputMaybe<Scalars['ID']['input']>;
  scopes: InputMaybe<Array<ApiKeyScope>>;
};


export type MutationCreateCountyArgs = {
  code: Scalars['String']['input'];
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  name: Scalars['String']['input'];
};


export type MutationCreateGridArgs = {
  clipToVillage: InputMaybe<Scalars['Boolean']['input']>;
  code: InputMaybe<Scalars['String']['input']>;
  geometry: Scalars['GeoJSON']['input'];
  households: InputMaybe<Scalars['Int']['input']>;
  kind: InputMaybe<GridKind>;
  leaderId: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  overlaps: InputMaybe<OverlapPolicy>;
  partyUnitId: InputMaybe<Scalars['ID']['input']>;
  population: InputMaybe<Scalars['Int']['input']>;
  villageId: Scalars['ID']['input'];
  workerIds: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationCreateGridFromGapArgs = {
  code: InputMaybe<Scalars['String']['input']>;
  households: InputMaybe<Scalars['Int']['input']>;
  kind: InputMaybe<GridKind>;
  leaderId: InputMaybe<Scalars['ID']['input']>;
  name: Scalars['String']['input'];
  partyUnitId: InputMaybe<Scalars['ID']['input']>;
  point: Array<Scalars['Float']['input']>;
  population: InputMaybe<Scalars['Int']['input']>;
  villageId: Scalars['ID']['input'];
  workerIds: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationCreateGridWorkerArgs = {
  active: InputMaybe<Scalars['Boolean']['input']>;
  employment: InputMaybe<Employment>;
  gridIds: InputMaybe<Array<Scalars['ID']['input']>>;
  name: Scalars['String']['input'];
  phone: InputMaybe<Scalars['String']['input']>;
  source: InputMaybe<WorkerSource>;
};


export type MutationCreateMemberUnitArgs = {
  committeeVillageId: InputMaybe<Scalars['ID']['input']>;
  contactName: InputMaybe<Scalars['String']['input']>;
  contactPhone: InputMaybe<Scalars['String']['input']>;
  kind: InputMaybe<MemberUnitKind>;
  name: Scalars['String']['input'];
  pairedVillageIds: InputMaybe<Array<Scalars['ID']['input']>>;
  reportedMembers: InputMaybe<Scalars['Int']['input']>;
  userIds: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationCreatePartyUnitArgs = {
  gridId: InputMaybe<Scalars['ID']['input']>;
  kind: PartyUnitKind;
  level: PartyUnitLevel;
  members: InputMaybe<Scalars['Int']['input']>;
  name: Scalars['String']['input'];
  parentId: InputMaybe<Scalars['ID']['input']>;
  villageId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationCreateTownshipArgs = {
  code: Scalars['String']['input'];
  countyId: Scalars['ID']['input'];
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  kind: InputMaybe<TownshipKind>;
  name: Scalars['String']['input'];
};


export type MutationCreateUserArgs = {
  active: InputMaybe<Scalars['Boolean']['input']>;
  countyIds: InputMaybe<Array<Scalars['ID']['input']>>;
  displayName: InputMaybe<Scalars['String']['input']>;
  password: Scalars['String']['input'];
  role: Role;
  townshipIds: InputMaybe<Array<Scalars['ID']['input']>>;
  username: Scalars['String']['input'];
};


export type MutationCreateVillageArgs = {
  code: Scalars['String']['input'];
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  households: InputMaybe<Scalars['Int']['input']>;
  kind: InputMaybe<VillageKind>;
  name: Scalars['String']['input'];
  population: InputMaybe<Scalars['Int']['input']>;
  townshipId: Scalars['ID']['input'];
  villagerGroups: InputMaybe<Scalars['Int']['input']>;
};


export type MutationCreateWorkOrderArgs = {
  address: InputMaybe<Scalars['String']['input']>;
  category: InputMaybe<Scalars['String']['input']>;
  channel: InputMaybe<WorkOrderChannel>;
  description: InputMaybe<Scalars['String']['input']>;
  point: InputMaybe<Array<Scalars['Float']['input']>>;
  reporterName: InputMaybe<Scalars['String']['input']>;
  reporterPhone: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  villageId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationDeleteApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteCountyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteGridArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteGridWorkerArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteMemberUnitArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeletePartyUnitArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteTownshipArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteUserArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteVillageArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteWorkOrderArgs = {
  id: Scalars['ID']['input'];
};


export type MutationExtendGridOverGapArgs = {
  id: Scalars['ID']['input'];
  point: Array<Scalars['Float']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationLoginArgs = {
  password: Scalars['String']['input'];
  username: Scalars['String']['input'];
};


export type MutationMergeGridsArgs = {
  ids: Array<Scalars['ID']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
};


export type MutationReportWorkOrderArgs = {
  id: Scalars['ID']['input'];
  result: Scalars['String']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationRestoreGridArgs = {
  eventId: Scalars['ID']['input'];
  state: InputMaybe<RestoreState>;
};


export type MutationRevertChangeArgs = {
  id: Scalars['ID']['input'];
};


export type MutationRevokeApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type MutationScoreWorkOrderArgs = {
  comment: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  scale: InputMaybe<ScoreScale>;
  score: Scalars['Float']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationSetApiKeyScopesArgs = {
  id: Scalars['ID']['input'];
  scopes: Array<ApiKeyScope>;
};


export type MutationSplitGridArgs = {
  attributes: InputMaybe<SplitAttributes>;
  id: Scalars['ID']['input'];
  line: Scalars['GeoJSON']['input'];
  newName: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUnwaiveRectificationArgs = {
  id: Scalars['ID']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateApiKeyArgs = {
  id: Scalars['ID']['input'];
  name: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateCountyArgs = {
  code: InputMaybe<Scalars['String']['input']>;
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  id: Scalars['ID']['input'];
  name: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateGridArgs = {
  clipToVillage: InputMaybe<Scalars['Boolean']['input']>;
  code: InputMaybe<Scalars['String']['input']>;
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  households: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  kind: InputMaybe<GridKind>;
  leaderId: InputMaybe<Scalars['ID']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  overlaps: InputMaybe<OverlapPolicy>;
  partyUnitId: InputMaybe<Scalars['ID']['input']>;
  population: InputMaybe<Scalars['Int']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
  villageId: InputMaybe<Scalars['ID']['input']>;
  workerIds: InputMaybe<Array<Scalars['ID']['input']>>;
};


export type MutationUpdateGridBoundaryArgs = {
  geometry: Scalars['GeoJSON']['input'];
  id: Scalars['ID']['input'];
  moveSharedEdges: InputMaybe<Scalars['Boolean']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateGridWorkerArgs = {
  active: InputMaybe<Scalars['Boolean']['input']>;
  employment: InputMaybe<Employment>;
  gridIds: InputMaybe<Array<Scalars['ID']['input']>>;
  id: Scalars['ID']['input'];
  name: InputMaybe<Scalars['String']['input']>;
  phone: InputMaybe<Scalars['String']['input']>;
  source: InputMaybe<WorkerSource>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateMapSettingsArgs = {
  baseMaps: Array<BaseMapInput>;
  defaultBaseMap: InputMaybe<Scalars['String']['input']>;
  tiandituKey: InputMaybe<Scalars['String']['input']>;
};


export type MutationUpdateMemberUnitArgs = {
  committeeVillageId: InputMaybe<Scalars['ID']['input']>;
  contactName: InputMaybe<Scalars['String']['input']>;
  contactPhone: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  kind: InputMaybe<MemberUnitKind>;
  name: InputMaybe<Scalars['String']['input']>;
  pairedVillageIds: InputMaybe<Array<Scalars['ID']['input']>>;
  reportedMembers: InputMaybe<Scalars['Int']['input']>;
  userIds: InputMaybe<Array<Scalars['ID']['input']>>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdatePartyUnitArgs = {
  gridId: InputMaybe<Scalars['ID']['input']>;
  id: Scalars['ID']['input'];
  kind: InputMaybe<PartyUnitKind>;
  level: InputMaybe<PartyUnitLevel>;
  members: InputMaybe<Scalars['Int']['input']>;
  name: InputMaybe<Scalars['String']['input']>;
  parentId: InputMaybe<Scalars['ID']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
  villageId: InputMaybe<Scalars['ID']['input']>;
};


export type MutationUpdateTownshipArgs = {
  code: InputMaybe<Scalars['String']['input']>;
  countyId: InputMaybe<Scalars['ID']['input']>;
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  id: Scalars['ID']['input'];
  kind: InputMaybe<TownshipKind>;
  name: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateUserArgs = {
  active: InputMaybe<Scalars['Boolean']['input']>;
  countyIds: InputMaybe<Array<Scalars['ID']['input']>>;
  displayName: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  password: InputMaybe<Scalars['String']['input']>;
  role: InputMaybe<Role>;
  townshipIds: InputMaybe<Array<Scalars['ID']['input']>>;
  username: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateVillageArgs = {
  code: InputMaybe<Scalars['String']['input']>;
  geometry: InputMaybe<Scalars['GeoJSON']['input']>;
  households: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  kind: InputMaybe<VillageKind>;
  name: InputMaybe<Scalars['String']['input']>;
  population: InputMaybe<Scalars['Int']['input']>;
  townshipId: InputMaybe<Scalars['ID']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
  villagerGroups: InputMaybe<Scalars['Int']['input']>;
};


export type MutationUpdateWorkOrderArgs = {
  address: InputMaybe<Scalars['String']['input']>;
  category: InputMaybe<Scalars['String']['input']>;
  description: InputMaybe<Scalars['String']['input']>;
  id: Scalars['ID']['input'];
  reporterName: InputMaybe<Scalars['String']['input']>;
  reporterPhone: InputMaybe<Scalars['String']['input']>;
  title: InputMaybe<Scalars['String']['input']>;
  version: InputMaybe<Scalars['Int']['input']>;
};


export type MutationWaiveRectificationArgs = {
  id: Scalars['ID']['input'];
  reason: Scalars['String']['input'];
  version: InputMaybe<Scalars['Int']['input']>;
};

/** An overlap between two grids. */
export type OverlapPiece = {
  __typename?: 'OverlapPiece';
  areaM2: Scalars['Float']['output'];
  findingId: Scalars['ID']['output'];
  geometry: Scalars['GeoJSON']['output'];
  gridAId: Scalars['ID']['output'];
  gridBId: Scalars['ID']['output'];
};

/** What a write does when the geometry overlaps sibling grids by more than 10 m². */
export const OverlapPolicy = {
  /** Store it as drawn; coverage reports the overlap (imports of real data). */
  Allow: 'ALLOW',
  /** Refuse with BAD_GEOMETRY, naming the grids (the default). */
  Refuse: 'REFUSE',
  /** Subtract the siblings from the geometry ("trim to avoid overlaps"). */
  Trim: 'TRIM'
} as const;

export type OverlapPolicy = typeof OverlapPolicy[keyof typeof OverlapPolicy];
/** 党组织: a party organisation, in a tree (community → grid branch → building group). */
export type PartyUnit = {
  __typename?: 'PartyUnit';
  children: Array<PartyUnit>;
  createdAt: Scalars['DateTimeISO']['output'];
  grid: Maybe<Grid>;
  gridId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: PartyUnitKind;
  level: PartyUnitLevel;
  /** Party members. */
  members: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
  parent: Maybe<PartyUnit>;
  parentId: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  village: Maybe<Village>;
  villageId: Maybe<Scalars['ID']['output']>;
};

export type PartyUnitFilter = {
  /** Built on a village or grid of this county. */
  countyId?: InputMaybe<Scalars['ID']['input']>;
  gridId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind?: InputMaybe<PartyUnitKind>;
  level?: InputMaybe<PartyUnitLevel>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  /** true: only the roots of the tree. */
  root?: InputMaybe<Scalars['Boolean']['input']>;
  /** Built on a village or grid of this township. */
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

export const PartyUnitKind = {
  /** 机关单位党组织 agency or enterprise */
  Agency: 'AGENCY',
  /** 楼栋党小组 building */
  Building: 'BUILDING',
  /** 社区党组织 community */
  Community: 'COMMUNITY',
  /** 网格党组织 grid */
  Grid: 'GRID',
  /** 产业党组织 industry */
  Industry: 'INDUSTRY',
  /** 自然村党小组 natural village */
  NaturalVillage: 'NATURAL_VILLAGE',
  /** 村党组织 village */
  Village: 'VILLAGE'
} as const;

export type PartyUnitKind = typeof PartyUnitKind[keyof typeof PartyUnitKind];
export const PartyUnitLevel = {
  /** 党支部 party branch */
  Branch: 'BRANCH',
  /** 党委 party committee */
  Committee: 'COMMITTEE',
  /** 党总支 general party branch */
  GeneralBranch: 'GENERAL_BRANCH',
  /** 党小组 party group */
  Group: 'GROUP'
} as const;

export type PartyUnitLevel = typeof PartyUnitLevel[keyof typeof PartyUnitLevel];
export type Query = {
  __typename?: 'Query';
  /** One ApiKey by id (null when there is none). */
  ApiKey: Maybe<ApiKey>;
  AuditEvent: Maybe<AuditEvent>;
  Change: Maybe<Change>;
  /** One County by id (null when there is none). */
  County: Maybe<County>;
  CoverageFinding: Maybe<CoverageFinding>;
  /** One Grid by id (null when there is none). */
  Grid: Maybe<Grid>;
  /** One GridWorker by id (null when there is none). */
  GridWorker: Maybe<GridWorker>;
  MemberUnit: Maybe<MemberUnit>;
  /** One PartyUnit by id (null when there is none). */
  PartyUnit: Maybe<PartyUnit>;
  Rectification: Maybe<Rectification>;
  /** One Township by id (null when there is none). */
  Township: Maybe<Township>;
  /** One User by id (null when there is none). */
  User: Maybe<User>;
  /** One Village by id (null when there is none). */
  Village: Maybe<Village>;
  WorkOrder: Maybe<WorkOrder>;
  _allApiKeysMeta: ListMetadata;
  _allAuditEventsMeta: ListMetadata;
  _allChangesMeta: ListMetadata;
  _allCountiesMeta: ListMetadata;
  _allCoverageFindingsMeta: ListMetadata;
  _allGridWorkersMeta: ListMetadata;
  _allGridsMeta: ListMetadata;
  _allMemberUnitsMeta: ListMetadata;
  _allPartyUnitsMeta: ListMetadata;
  _allRectificationsMeta: ListMetadata;
  _allTownshipsMeta: ListMetadata;
  _allUsersMeta: ListMetadata;
  _allVillagesMeta: ListMetadata;
  _allWorkOrdersMeta: ListMetadata;
  /** A page of ApiKeys, filtered and sorted. */
  allApiKeys: Array<ApiKey>;
  allAuditEvents: Array<AuditEvent>;
  /** Changes, newest first by default; filter by user, unit, record, time. */
  allChanges: Array<Change>;
  /** A page of Counties, filtered and sorted. */
  allCounties: Array<County>;
  allCoverageFindings: Array<CoverageFinding>;
  /** A page of GridWorkers, filtered and sorted. */
  allGridWorkers: Array<GridWorker>;
  /** A page of Grids, filtered and sorted. */
  allGrids: Array<Grid>;
  allMemberUnits: Array<MemberUnit>;
  /** A page of PartyUnits, filtered and sorted. */
  allPartyUnits: Array<PartyUnit>;
  /** 整改台账: rectifications, filtered and sorted. */
  allRectifications: Array<Rectification>;
  /** A page of Townships, filtered and sorted. */
  allTownships: Array<Township>;
  /** A page of Users, filtered and sorted. */
  allUsers: Array<User>;
  /** A page of Villages, filtered and sorted. */
  allVillages: Array<Village>;
  /** 民情交办单, filtered and sorted. */
  allWorkOrders: Array<WorkOrder>;
  /** The figures of the city's report (villages, communities, grids, workers, party units, households), computed from the data; countyId narrows it to one county. */
  cityReport: CityReport;
  /** Coverage of the city, or of one county, township or village/community. */
  coverage: Coverage;
  /** Coverage over time: the daily (and generated monthly or quarterly) snapshots of a scope between two days. */
  coverageHistory: Array<CoverageHistoryPoint>;
  /** The coverage rules: thresholds and the severity of every finding kind (any signed-in user). */
  coverageRules: CoverageRules;
  /** The grids containing a point (boundary included), smallest first: "which grid is this address in". */
  gridAt: Array<Grid>;
  /** The grids of a village that can be extended over the uncovered piece at a point (they share an edge with it), longest shared edge first. */
  gridsBesideGap: Array<Grid>;
  /** The admin map's base maps and the 天地图 key (signed-in users). */
  mapSettings: MapSettings;
  /** The signed-in user (null for an API key). */
  me: Maybe<User>;
  /** 乡镇排名: townships by open critical findings, then days overdue. */
  rectificationRanking: Array<TownshipRectificationRank>;
  /** Open, overdue, waived and closed rectifications by township and kind. */
  rectificationStats: Array<RectificationStat>;
  /** Where a work order reported at this point would go (grid, worker, community), without writing anything. */
  routeWorkOrder: WorkOrderRoute;
  /** The next grid code for a village: village code + 3 digits (001…999), unused; null when the village has no code. Suggested in the grid forms, editable. */
  suggestGridCode: Maybe<Scalars['String']['output']>;
  /** Work-order figures by community and member unit: claimed, done, average score, overdue. */
  workOrderFigures: WorkOrderReport;
};


export type QueryApiKeyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryAuditEventArgs = {
  id: Scalars['ID']['input'];
};


export type QueryChangeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCountyArgs = {
  id: Scalars['ID']['input'];
};


export type QueryCoverageFindingArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGridArgs = {
  id: Scalars['ID']['input'];
};


export type QueryGridWorkerArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMemberUnitArgs = {
  id: Scalars['ID']['input'];
};


export type QueryPartyUnitArgs = {
  id: Scalars['ID']['input'];
};


export type QueryRectificationArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTownshipArgs = {
  id: Scalars['ID']['input'];
};


export type QueryUserArgs = {
  id: Scalars['ID']['input'];
};


export type QueryVillageArgs = {
  id: Scalars['ID']['input'];
};


export type QueryWorkOrderArgs = {
  id: Scalars['ID']['input'];
};


export type Query_AllApiKeysMetaArgs = {
  filter: InputMaybe<ApiKeyFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllAuditEventsMetaArgs = {
  filter: InputMaybe<AuditEventFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllChangesMetaArgs = {
  filter: InputMaybe<ChangeFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllCountiesMetaArgs = {
  filter: InputMaybe<CountyFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllCoverageFindingsMetaArgs = {
  filter: InputMaybe<CoverageFindingFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllGridWorkersMetaArgs = {
  filter: InputMaybe<GridWorkerFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllGridsMetaArgs = {
  filter: InputMaybe<GridFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllMemberUnitsMetaArgs = {
  filter: InputMaybe<MemberUnitFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllPartyUnitsMetaArgs = {
  filter: InputMaybe<PartyUnitFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllRectificationsMetaArgs = {
  filter: InputMaybe<RectificationFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllTownshipsMetaArgs = {
  filter: InputMaybe<TownshipFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllUsersMetaArgs = {
  filter: InputMaybe<UserFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllVillagesMetaArgs = {
  filter: InputMaybe<VillageFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type Query_AllWorkOrdersMetaArgs = {
  filter: InputMaybe<WorkOrderFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllApiKeysArgs = {
  filter: InputMaybe<ApiKeyFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllAuditEventsArgs = {
  filter: InputMaybe<AuditEventFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllChangesArgs = {
  filter: InputMaybe<ChangeFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllCountiesArgs = {
  filter: InputMaybe<CountyFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllCoverageFindingsArgs = {
  filter: InputMaybe<CoverageFindingFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllGridWorkersArgs = {
  filter: InputMaybe<GridWorkerFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllGridsArgs = {
  filter: InputMaybe<GridFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllMemberUnitsArgs = {
  filter: InputMaybe<MemberUnitFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllPartyUnitsArgs = {
  filter: InputMaybe<PartyUnitFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllRectificationsArgs = {
  filter: InputMaybe<RectificationFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllTownshipsArgs = {
  filter: InputMaybe<TownshipFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllUsersArgs = {
  filter: InputMaybe<UserFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllVillagesArgs = {
  filter: InputMaybe<VillageFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryAllWorkOrdersArgs = {
  filter: InputMaybe<WorkOrderFilter>;
  page: InputMaybe<Scalars['Int']['input']>;
  perPage: InputMaybe<Scalars['Int']['input']>;
  sortField: InputMaybe<Scalars['String']['input']>;
  sortOrder: InputMaybe<Scalars['String']['input']>;
};


export type QueryCityReportArgs = {
  countyId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCoverageArgs = {
  asOf: InputMaybe<Scalars['String']['input']>;
  countyId: InputMaybe<Scalars['ID']['input']>;
  townshipId: InputMaybe<Scalars['ID']['input']>;
  villageId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryCoverageHistoryArgs = {
  from: InputMaybe<Scalars['String']['input']>;
  scope: InputMaybe<CoverageScopeInput>;
  to: InputMaybe<Scalars['String']['input']>;
};


export type QueryGridAtArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QueryGridsBesideGapArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
  villageId: Scalars['ID']['input'];
};


export type QueryRectificationRankingArgs = {
  countyId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRectificationStatsArgs = {
  countyId: InputMaybe<Scalars['ID']['input']>;
  townshipId: InputMaybe<Scalars['ID']['input']>;
};


export type QueryRouteWorkOrderArgs = {
  lat: Scalars['Float']['input'];
  lng: Scalars['Float']['input'];
};


export type QuerySuggestGridCodeArgs = {
  villageId: Scalars['ID']['input'];
};


export type QueryWorkOrderFiguresArgs = {
  countyId: InputMaybe<Scalars['ID']['input']>;
  townshipId: InputMaybe<Scalars['ID']['input']>;
  villageId: InputMaybe<Scalars['ID']['input']>;
};

/** 整改: the rectification of one coverage finding, keyed by the finding's stable id. Closes itself when the finding is gone and reopens when it comes back. */
export type Rectification = {
  __typename?: 'Rectification';
  /** Assigned to this township (乡镇/街道). */
  assigneeTownshipId: Maybe<Scalars['ID']['output']>;
  assigneeTownshipName: Maybe<Scalars['String']['output']>;
  /** Assigned to this user. */
  assigneeUserId: Maybe<Scalars['ID']['output']>;
  assigneeUsername: Maybe<Scalars['String']['output']>;
  closedAt: Maybe<Scalars['DateTimeISO']['output']>;
  countyId: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Days past the deadline (0 when not overdue). */
  daysOverdue: Scalars['Int']['output'];
  /** YYYY-MM-DD, a day in Asia/Shanghai. */
  deadline: Maybe<Scalars['String']['output']>;
  /** Its history, oldest first. */
  events: Array<RectificationEvent>;
  /** The finding, while it exists. */
  finding: Maybe<CoverageFinding>;
  /** The finding's stable id, e.g. UNSTAFFED_GRID-g42. */
  findingId: Scalars['ID']['output'];
  gridId: Maybe<Scalars['ID']['output']>;
  id: Scalars['ID']['output'];
  kind: FindingKind;
  note: Maybe<Scalars['String']['output']>;
  openedAt: Scalars['DateTimeISO']['output'];
  /** Open and past its deadline (today in Asia/Shanghai). */
  overdue: Scalars['Boolean']['output'];
  /** How often the finding came back after closing. */
  reopenCount: Scalars['Int']['output'];
  severity: Severity;
  status: RectificationStatus;
  subjectName: Scalars['String']['output'];
  townshipId: Maybe<Scalars['ID']['output']>;
  townshipName: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  version: Scalars['Int']['output'];
  villageId: Scalars['ID']['output'];
  villageName: Maybe<Scalars['String']['output']>;
  waiveReason: Maybe<Scalars['String']['output']>;
};

/** One step in a rectification's history. */
export type RectificationEvent = {
  __typename?: 'RectificationEvent';
  /** OPENED, ASSIGNED, COMMENTED, WAIVED, UNWAIVED, AUTO_CLOSED, REOPENED. */
  action: Scalars['String']['output'];
  at: Scalars['DateTimeISO']['output'];
  id: Scalars['ID']['output'];
  role: Scalars['String']['output'];
  text: Maybe<Scalars['String']['output']>;
  username: Scalars['String']['output'];
};

export type RectificationFilter = {
  /** Has an assignee (township or user). */
  assigned?: InputMaybe<Scalars['Boolean']['input']>;
  assigneeTownshipId?: InputMaybe<Scalars['ID']['input']>;
  assigneeUserId?: InputMaybe<Scalars['ID']['input']>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  findingId?: InputMaybe<Scalars['ID']['input']>;
  gridId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  kind?: InputMaybe<FindingKind>;
  /** The signed-in user's queue: in an editor's counties/townships, or assigned to the user. */
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  /** Open and past the deadline. */
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  severity?: InputMaybe<Severity>;
  status?: InputMaybe<RectificationStatus>;
  statuses?: InputMaybe<Array<RectificationStatus>>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

/** Rectifications of one kind in one township. */
export type RectificationStat = {
  __typename?: 'RectificationStat';
  closed: Scalars['Int']['output'];
  countyId: Scalars['ID']['output'];
  kind: FindingKind;
  open: Scalars['Int']['output'];
  openCritical: Scalars['Int']['output'];
  overdue: Scalars['Int']['output'];
  townshipId: Scalars['ID']['output'];
  townshipName: Scalars['String']['output'];
  waived: Scalars['Int']['output'];
};

export const RectificationStatus = {
  /** 已销号: the recompute no longer finds it (closed by itself) */
  Closed: 'CLOSED',
  /** 待整改: the finding is there and not waived */
  Open: 'OPEN',
  /** 已豁免: an administrator waived it, with a reason */
  Waived: 'WAIVED'
} as const;

export type RectificationStatus = typeof RectificationStatus[keyof typeof RectificationStatus];
/** Which side of an audit event to restore. */
export const RestoreState = {
  After: 'AFTER',
  Before: 'BEFORE'
} as const;

export type RestoreState = typeof RestoreState[keyof typeof RestoreState];
export const Role = {
  /** 管理员: everything, manages users and keys */
  Admin: 'ADMIN',
  /** 分析员: reads everything, writes nothing */
  Analyst: 'ANALYST',
  /** 编辑: writes villages, grids, workers and party units inside its counties or townships */
  Editor: 'EDITOR',
  /** 服务: an API key for another service; read-only */
  Service: 'SERVICE'
} as const;

export type Role = typeof Role[keyof typeof Role];
export const ScoreScale = {
  /** 1–5 stars */
  Five: 'FIVE',
  /** 0–100 points */
  Hundred: 'HUNDRED'
} as const;

export type ScoreScale = typeof ScoreScale[keyof typeof ScoreScale];
export const Severity = {
  /** 严重 */
  Critical: 'CRITICAL',
  /** 提示 */
  Notice: 'NOTICE',
  /** 警告 */
  Warning: 'WARNING'
} as const;

export type Severity = typeof Severity[keyof typeof Severity];
export type SeverityCount = {
  __typename?: 'SeverityCount';
  count: Scalars['Int']['output'];
  severity: Severity;
};

export const SplitAttributes = {
  /** Both grids get the households and population of the original. */
  Copy: 'COPY',
  /** Households and population are divided in proportion to area. */
  SplitByArea: 'SPLIT_BY_AREA'
} as const;

export type SplitAttributes = typeof SplitAttributes[keyof typeof SplitAttributes];
export type Subscription = {
  __typename?: 'Subscription';
  /** Every committed change, over graphql-ws at /graphql; with since, first the changes after that version. */
  dataChanged: DataChange;
};


export type SubscriptionDataChangedArgs = {
  since: InputMaybe<Scalars['Float']['input']>;
};

/** 天地图 presets: VEC 矢量 (vec_w + cva_w), IMG 影像 (img_w + cia_w), TER 地形 (ter_w + cta_w). */
export const TiandituPreset = {
  Img: 'IMG',
  Ter: 'TER',
  Vec: 'VEC'
} as const;

export type TiandituPreset = typeof TiandituPreset[keyof typeof TiandituPreset];
/** 乡镇/街道: a town, township or street office. */
export type Township = {
  __typename?: 'Township';
  /** Area in square metres, computed on the spheroid (geography). */
  areaM2: Maybe<Scalars['Float']['output']>;
  /** The centroid as a GeoJSON Point. */
  centroid: Maybe<Scalars['GeoJSON']['output']>;
  /** 9-digit division code. */
  code: Scalars['String']['output'];
  county: County;
  countyId: Scalars['ID']['output'];
  createdAt: Scalars['DateTimeISO']['output'];
  /** The boundary as GeoJSON (MultiPolygon, EPSG:4326). */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  id: Scalars['ID']['output'];
  kind: TownshipKind;
  name: Scalars['String']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  /** Its villages and communities. */
  villages: Array<Village>;
};

export type TownshipFilter = {
  /** Intersects [minLng, minLat, maxLng, maxLat]. */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Contains the point [lng, lat] (boundary included). */
  containsPoint?: InputMaybe<Array<Scalars['Float']['input']>>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  dwithin?: InputMaybe<DWithinInput>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Intersects this GeoJSON geometry. */
  intersects?: InputMaybe<Scalars['GeoJSON']['input']>;
  kind?: InputMaybe<TownshipKind>;
  /** Name or code contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
};

export const TownshipKind = {
  /** 其他 (farms, development zones) */
  Other: 'OTHER',
  /** 街道 street (sub-district) */
  Street: 'STREET',
  /** 镇 town */
  Town: 'TOWN',
  /** 乡 township */
  Township: 'TOWNSHIP'
} as const;

export type TownshipKind = typeof TownshipKind[keyof typeof TownshipKind];
/** 乡镇排名: a township's place by open critical findings, then days overdue. */
export type TownshipRectificationRank = {
  __typename?: 'TownshipRectificationRank';
  closed: Scalars['Int']['output'];
  countyId: Scalars['ID']['output'];
  countyName: Scalars['String']['output'];
  /** Sum of days past the deadline over its open rectifications. */
  daysOverdue: Scalars['Int']['output'];
  maxDaysOverdue: Scalars['Int']['output'];
  open: Scalars['Int']['output'];
  openCritical: Scalars['Int']['output'];
  overdue: Scalars['Int']['output'];
  rank: Scalars['Int']['output'];
  townshipId: Scalars['ID']['output'];
  townshipName: Scalars['String']['output'];
  waived: Scalars['Int']['output'];
};

/** Coverage of one village or community. */
export type UnitCoverage = {
  __typename?: 'UnitCoverage';
  areaM2: Scalars['Float']['output'];
  computedAt: Scalars['DateTimeISO']['output'];
  /** 1 − uncovered / area. */
  coveredShare: Maybe<Scalars['Float']['output']>;
  gridCount: Scalars['Int']['output'];
  householdsInGrids: Scalars['Int']['output'];
  /** Uncovered land, pieces under the noise threshold ignored (m²). */
  uncoveredM2: Scalars['Float']['output'];
  villageId: Scalars['ID']['output'];
};

/** A person who signs in. */
export type User = {
  __typename?: 'User';
  active: Scalars['Boolean']['output'];
  /** EDITOR scope: counties. */
  countyIds: Array<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  displayName: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** Sign-in is refused until then after repeated failures. */
  lockedUntil: Maybe<Scalars['DateTimeISO']['output']>;
  role: Role;
  /** EDITOR scope: townships. */
  townshipIds: Array<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  username: Scalars['String']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
};

export type UserFilter = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  role?: InputMaybe<Role>;
};

/** 村级单位: a village or an urban community, divided into grids. */
export type Village = {
  __typename?: 'Village';
  /** Area in square metres, computed on the spheroid (geography). */
  areaM2: Maybe<Scalars['Float']['output']>;
  /** The centroid as a GeoJSON Point. */
  centroid: Maybe<Scalars['GeoJSON']['output']>;
  /** 12-digit division code. */
  code: Scalars['String']['output'];
  /** Its coverage (null when it has no boundary). */
  coverage: Maybe<UnitCoverage>;
  createdAt: Scalars['DateTimeISO']['output'];
  /** Findings about the unit and its grids. */
  findings: Array<CoverageFinding>;
  /** The boundary as GeoJSON (MultiPolygon, EPSG:4326). */
  geometry: Maybe<Scalars['GeoJSON']['output']>;
  /** Its grids. */
  grids: Array<Grid>;
  /** 户数 */
  households: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  kind: VillageKind;
  name: Scalars['String']['output'];
  /** Party units built on the village or community itself. */
  partyUnits: Array<PartyUnit>;
  /** 人口 */
  population: Maybe<Scalars['Int']['output']>;
  township: Township;
  townshipId: Scalars['ID']['output'];
  updatedAt: Scalars['DateTimeISO']['output'];
  /** Optimistic lock: pass it back to update; a stale one is refused with CONFLICT. */
  version: Scalars['Int']['output'];
  /** 村民小组 count (villages): the rule is one grid per villager group. */
  villagerGroups: Maybe<Scalars['Int']['output']>;
};

export type VillageFilter = {
  /** Intersects [minLng, minLat, maxLng, maxLat]. */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  /** Contains the point [lng, lat] (boundary included). */
  containsPoint?: InputMaybe<Array<Scalars['Float']['input']>>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  dwithin?: InputMaybe<DWithinInput>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Intersects this GeoJSON geometry. */
  intersects?: InputMaybe<Scalars['GeoJSON']['input']>;
  kind?: InputMaybe<VillageKind>;
  /** Only units whose covered share is below 100%. */
  notFullyCovered?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name or code contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
};

export const VillageKind = {
  /** 社区 community (社区/居委会; farm living areas 生活区 too) */
  Community: 'COMMUNITY',
  /** 村 village (村委会) */
  Village: 'VILLAGE'
} as const;

export type VillageKind = typeof VillageKind[keyof typeof VillageKind];
/** 民情交办单: a resident's problem, routed by grid, handed by the community to a member unit, claimed, done and scored. */
export type WorkOrder = {
  __typename?: 'WorkOrder';
  address: Maybe<Scalars['String']['output']>;
  assignedAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Every grid containing the point (several on a shared edge). */
  candidateGridIds: Array<Scalars['ID']['output']>;
  /** e.g. 停车, 道路, 排水, 环境, 治安, 其他 */
  category: Maybe<Scalars['String']['output']>;
  channel: WorkOrderChannel;
  claimedAt: Maybe<Scalars['DateTimeISO']['output']>;
  code: Scalars['String']['output'];
  countyId: Maybe<Scalars['ID']['output']>;
  createdAt: Scalars['DateTimeISO']['output'];
  daysOverdue: Scalars['Int']['output'];
  /** YYYY-MM-DD, a day in Asia/Shanghai. */
  deadline: Maybe<Scalars['String']['output']>;
  description: Maybe<Scalars['String']['output']>;
  doneAt: Maybe<Scalars['DateTimeISO']['output']>;
  /** Needs attention: in uncovered land, no grid, or no active grid worker. */
  flagged: Scalars['Boolean']['output'];
  /** UNCOVERED_LAND, NO_GRID, NO_WORKER. */
  flags: Array<Scalars['String']['output']>;
  /** Generated demonstration data (seed), not real. */
  generated: Scalars['Boolean']['output'];
  gridId: Maybe<Scalars['ID']['output']>;
  gridName: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  memberUnitId: Maybe<Scalars['ID']['output']>;
  memberUnitName: Maybe<Scalars['String']['output']>;
  /** Handed on or claimed, and past the deadline (today in Asia/Shanghai). */
  overdue: Scalars['Boolean']['output'];
  /** Where the problem is (GeoJSON Point). */
  point: Maybe<Scalars['GeoJSON']['output']>;
  reportedBy: Scalars['String']['output'];
  reporterName: Maybe<Scalars['String']['output']>;
  reporterPhone: Maybe<Scalars['String']['output']>;
  result: Maybe<Scalars['String']['output']>;
  routing: WorkOrderRouting;
  score: Maybe<Scalars['Float']['output']>;
  /** The score on 0–100. */
  score100: Maybe<Scalars['Float']['output']>;
  scoreComment: Maybe<Scalars['String']['output']>;
  scoreScale: Maybe<ScoreScale>;
  scoredAt: Maybe<Scalars['DateTimeISO']['output']>;
  status: WorkOrderStatus;
  title: Scalars['String']['output'];
  townshipId: Maybe<Scalars['ID']['output']>;
  updatedAt: Scalars['DateTimeISO']['output'];
  version: Scalars['Int']['output'];
  villageId: Maybe<Scalars['ID']['output']>;
  villageName: Maybe<Scalars['String']['output']>;
  /** The grid worker it went to (the grid's first active worker). */
  workerId: Maybe<Scalars['ID']['output']>;
  workerName: Maybe<Scalars['String']['output']>;
};

export const WorkOrderChannel = {
  /** 网格员 phone form */
  GridWorker: 'GRID_WORKER',
  /** 外部服务 API key */
  Service: 'SERVICE',
  /** 工作人员 staff in the admin */
  Staff: 'STAFF'
} as const;

export type WorkOrderChannel = typeof WorkOrderChannel[keyof typeof WorkOrderChannel];
/** Work-order figures of a community or a member unit (as in the report: claimed, done, scored). */
export type WorkOrderFigures = {
  __typename?: 'WorkOrderFigures';
  /** Average score on 0–100 (1–5 scores count ×20). */
  averageScore: Maybe<Scalars['Float']['output']>;
  /** Claimed (认领). */
  claimed: Scalars['Int']['output'];
  /** Result reported (done or scored). */
  done: Scalars['Int']['output'];
  id: Maybe<Scalars['ID']['output']>;
  name: Maybe<Scalars['String']['output']>;
  /** Open and past the deadline (today in Asia/Shanghai). */
  overdue: Scalars['Int']['output'];
  scored: Scalars['Int']['output'];
  /** Orders reported (community) or handed to it (unit). */
  total: Scalars['Int']['output'];
};

export type WorkOrderFilter = {
  /** [minLng, minLat, maxLng, maxLat] */
  bbox?: InputMaybe<Array<Scalars['Float']['input']>>;
  category?: InputMaybe<Scalars['String']['input']>;
  channel?: InputMaybe<WorkOrderChannel>;
  countyId?: InputMaybe<Scalars['ID']['input']>;
  flagged?: InputMaybe<Scalars['Boolean']['input']>;
  gridId?: InputMaybe<Scalars['ID']['input']>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
  memberUnitId?: InputMaybe<Scalars['ID']['input']>;
  /** The signed-in user's queue: orders of its scope, or handed to its member units. */
  mine?: InputMaybe<Scalars['Boolean']['input']>;
  /** Not done, scored or cancelled. */
  open?: InputMaybe<Scalars['Boolean']['input']>;
  overdue?: InputMaybe<Scalars['Boolean']['input']>;
  /** Name contains (case-insensitive). */
  q?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<WorkOrderStatus>;
  statuses?: InputMaybe<Array<WorkOrderStatus>>;
  townshipId?: InputMaybe<Scalars['ID']['input']>;
  villageId?: InputMaybe<Scalars['ID']['input']>;
};

/** Work-order figures by community and by member unit, with the totals. */
export type WorkOrderReport = {
  __typename?: 'WorkOrderReport';
  byCommunity: Array<WorkOrderFigures>;
  byMemberUnit: Array<WorkOrderFigures>;
  totals: WorkOrderFigures;
};

/** Where a point goes: grid, worker, community (the routing a new work order would get). */
export type WorkOrderRoute = {
  __typename?: 'WorkOrderRoute';
  candidateGridIds: Array<Scalars['ID']['output']>;
  flags: Array<Scalars['String']['output']>;
  gridId: Maybe<Scalars['ID']['output']>;
  gridName: Maybe<Scalars['String']['output']>;
  routing: WorkOrderRouting;
  villageId: Scalars['ID']['output'];
  villageName: Scalars['String']['output'];
  workerId: Maybe<Scalars['ID']['output']>;
  workerName: Maybe<Scalars['String']['output']>;
};

export const WorkOrderRouting = {
  /** no point: the village or community was given, no grid; flagged */
  Given: 'GIVEN',
  /** the point lies in exactly one grid */
  Grid: 'GRID',
  /** the point lies in several grids (on a shared edge or in an overlap): the first gridAt returns (smallest, then lowest id) was chosen; the others are candidateGridIds */
  SharedBoundary: 'SHARED_BOUNDARY',
  /** the point lies in no grid: routed to the village or community containing it, and flagged */
  Uncovered: 'UNCOVERED'
} as const;

export type WorkOrderRouting = typeof WorkOrderRouting[keyof typeof WorkOrderRouting];
export const WorkOrderStatus = {
  /** 已交办 (社区交单): handed to a member unit */
  Assigned: 'ASSIGNED',
  /** 已撤销 */
  Cancelled: 'CANCELLED',
  /** 已认领 (单位下单/党员接单): claimed by the unit */
  Claimed: 'CLAIMED',
  /** 已办结: the unit reported the result */
  Done: 'DONE',
  /** 已上报 (居民点单): reported and routed to a grid and community */
  Reported: 'REPORTED',
  /** 已评价 (考核赋分): the community scored the result */
  Scored: 'SCORED'
} as const;

export type WorkOrderStatus = typeof WorkOrderStatus[keyof typeof WorkOrderStatus];
export const WorkerSource = {
  /** 其他 other */
  Other: 'OTHER',
  /** 公岗补充 public-welfare post */
  PublicPost: 'PUBLIC_POST',
  /** 下派干部 cadre sent down */
  SentDownCadre: 'SENT_DOWN_CADRE',
  /** 专项招聘 special recruitment */
  SpecialRecruitment: 'SPECIAL_RECRUITMENT'
} as const;

export type WorkerSource = typeof WorkerSource[keyof typeof WorkerSource];