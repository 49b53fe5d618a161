/**
 * The dataset's records (no geometry): units with households and villager groups,
 * grids, workers, party units and the deliberate imperfections — a pure function
 * of the seed number and the `perfect` flag, so the manifest of expected coverage
 * findings can be computed without a database.
 */
import { RULES, type Severity } from '../../server/src/coverage/coverage.rules';
import { allocate, Rng } from './prng';
import { agencyName, chineseNumber, industryName, naturalVillageName, personName } from './names';
import { loadRegistry, shortName, type Registry } from './registry';

/** Households of community grids, from the coverage rules: in range, over the maximum, over the critical size. */
const { maxHouseholds, criticalHouseholds } = RULES.oversizedGrid;
const COMMUNITY_GRID_HOUSEHOLDS = [RULES.undersizedGrid.minHouseholds + 20, maxHouseholds - 10] as const;
const OVERSIZED_WARNING_HOUSEHOLDS = [maxHouseholds + 60, criticalHouseholds - 50] as const;
const OVERSIZED_CRITICAL_HOUSEHOLDS = [criticalHouseholds + 80, criticalHouseholds + 450] as const;

export interface SeedOptions {
  seed: number;
  perfect: boolean;
  /** Where the input files are (default seeds/data/). */
  dataDir?: URL;
}

/** The report's figures (DOMAIN.md), the seed's targets. */
export const REPORT = {
  villageGrids: 3184,
  communityGrids: 699,
  workers: 4439,
  naturalVillageGroups: 1299,
  industryOrganisations: 231,
  communityCommittees: 8,
  gridBranches: 47,
  gridGroups: 257,
  yanchiHouseholds: 48487,
} as const;

/** Per county: villager groups (= village grids), community grids, households per villager group. */
export const COUNTY_PLAN: Record<
  string,
  { villageGroups: number; communityGrids: number; hhPerGroup: [number, number]; totalHouseholds?: number }
> = {
  '640302': { villageGroups: 780, communityGrids: 300, hhPerGroup: [45, 80] }, // 利通区
  '640303': { villageGroups: 390, communityGrids: 59, hhPerGroup: [50, 90] }, // 红寺堡区 (resettled migrants: larger groups)
  '640323': { villageGroups: 561, communityGrids: 40, hhPerGroup: [35, 80], totalHouseholds: REPORT.yanchiHouseholds }, // 盐池县
  '640324': { villageGroups: 923, communityGrids: 100, hhPerGroup: [40, 75] }, // 同心县
  '640381': { villageGroups: 530, communityGrids: 200, hhPerGroup: [45, 80] }, // 青铜峡市
};

/** How many of each deliberate imperfection the default dataset carries. */
export const IMPERFECTIONS = {
  gapVillages: 14,
  gapCommunities: 4,
  oversizedWarning: 6,
  oversizedCritical: 3,
  unstaffedVillageGrids: 8,
  unstaffedCommunityGrids: 4,
  /** Of the unstaffed grids, how many keep an assigned worker who is inactive (the others have none). */
  unstaffedInactive: 3,
  noPartyVillageGrids: 6,
  noPartyCommunityGrids: 4,
} as const;

export type UnitKind = 'VILLAGE' | 'COMMUNITY';
export interface PlanUnit {
  code: string;
  name: string;
  kind: UnitKind;
  townshipCode: string;
  countyCode: string;
  households: number;
  population: number;
  villagerGroups: number | null;
  gridCount: number;
  /** Community party organisation level, or null for villages. */
  partyLevel: 'COMMITTEE' | 'GENERAL_BRANCH' | 'BRANCH' | null;
  /** Communities in the county seat's or a street's township: clustered, dense. */
  urban: boolean;
}
export interface PlanGrid {
  code: string;
  name: string;
  kind: string;
  unitCode: string;
  households: number;
  population: number;
}
export interface PlanWorker {
  name: string;
  phone: string;
  employment: 'FULL_TIME' | 'PART_TIME';
  source: 'SENT_DOWN_CADRE' | 'SPECIAL_RECRUITMENT' | 'PUBLIC_POST' | 'OTHER';
  active: boolean;
  gridCodes: string[];
}
export interface PlanPartyUnit {
  key: string;
  name: string;
  level: 'COMMITTEE' | 'GENERAL_BRANCH' | 'BRANCH' | 'GROUP';
  kind: 'VILLAGE' | 'COMMUNITY' | 'GRID' | 'BUILDING' | 'NATURAL_VILLAGE' | 'INDUSTRY' | 'AGENCY';
  parentKey: string | null;
  unitCode: string;
  gridCode: string | null;
  members: number;
}
export interface ExpectedFinding {
  kind: 'UNCOVERED_LAND' | 'OVERSIZED_GRID' | 'UNSTAFFED_GRID' | 'NO_PARTY_UNIT';
  severity: Severity;
  villageCode: string;
  gridCode: string | null;
}
export interface Imperfections {
  /** Units with a hole of uncovered land (carved from their largest grid by the geometry stage). */
  gapUnits: string[];
  oversizedWarning: string[];
  oversizedCritical: string[];
  unstaffedGrids: string[];
  noPartyGrids: string[];
}
export interface Plan {
  options: SeedOptions;
  registry: Registry;
  units: PlanUnit[];
  grids: PlanGrid[];
  workers: PlanWorker[];
  partyUnits: PlanPartyUnit[];
  imperfections: Imperfections;
  expected: ExpectedFinding[];
  /** Per county, the township of the county seat. */
  seatTownship: Map<string, string>;
}

const lognormal = (rng: Rng, sigma: number) => Math.exp(sigma * rng.normal());

export function buildPlan(options: SeedOptions): Plan {
  const { seed, perfect } = options;
  const registry = loadRegistry(options.dataDir);
  const townshipByCode = new Map(registry.townships.map((t) => [t.code, t]));
  const countyName = new Map(registry.counties.map((c) => [c.code, c.name]));

  // The county seat: its street, else the township with the most communities.
  const seatTownship = new Map<string, string>();
  for (const c of registry.counties) {
    const ts = registry.townships.filter((t) => t.countyCode === c.code);
    const communities = (code: string) =>
      registry.units.filter((u) => u.townshipCode === code && u.kind === 'COMMUNITY').length;
    const street = ts.find((t) => t.kind === 'STREET');
    const seat =
      street ?? [...ts].sort((a, b) => communities(b.code) - communities(a.code) || a.code.localeCompare(b.code))[0]!;
    seatTownship.set(c.code, seat.code);
  }

  // ---- units, villager groups and community grid counts ---------------------------------
  const sizes = Rng.of(seed, 'sizes');
  const units: PlanUnit[] = registry.units.map((u) => {
    const t = townshipByCode.get(u.townshipCode)!;
    const urban = u.kind === 'COMMUNITY' && (t.kind === 'STREET' || seatTownship.get(t.countyCode) === t.code);
    return {
      code: u.code,
      name: u.name,
      kind: u.kind,
      townshipCode: u.townshipCode,
      countyCode: t.countyCode,
      households: 0,
      population: 0,
      villagerGroups: null,
      gridCount: 0,
      partyLevel: null,
      urban,
    };
  });
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  for (const [countyCode, cp] of Object.entries(COUNTY_PLAN)) {
    const villages = units.filter((u) => u.countyCode === countyCode && u.kind === 'VILLAGE');
    const groups = allocate(
      cp.villageGroups,
      villages.map(() => lognormal(sizes, 0.35)),
      2,
    );
    villages.forEach((v, i) => {
      v.villagerGroups = groups[i]!;
      v.gridCount = groups[i]!;
    });
    const communities = units.filter((u) => u.countyCode === countyCode && u.kind === 'COMMUNITY');
    const weights = communities.map((u) => {
      const src = registry.units.find((r) => r.code === u.code)!;
      const base = /虚拟/.test(u.name) ? 0.1 : src.sourceKind === 'living_area' ? 0.25 : u.urban ? 1.4 : 0.6;
      return base * lognormal(sizes, 0.3);
    });
    allocate(cp.communityGrids, weights, 1).forEach((n, i) => {
      communities[i]!.gridCount = n;
    });
  }
  const unitTotal = (kind: UnitKind) => units.filter((u) => u.kind === kind).reduce((s, u) => s + u.gridCount, 0);
  if (unitTotal('VILLAGE') !== REPORT.villageGrids || unitTotal('COMMUNITY') !== REPORT.communityGrids)
    throw new Error('grid allocation is off');

  // ---- grids with households and population ------------------------------------------------
  const hh = Rng.of(seed, 'households');
  const grids: PlanGrid[] = [];
  const gridsOf = new Map<string, PlanGrid[]>();
  for (const u of units) {
    const short = shortName(u.name);
    const list: PlanGrid[] = [];
    for (let i = 0; i < u.gridCount; i++) {
      const village = u.kind === 'VILLAGE';
      const [lo, hi] = COUNTY_PLAN[u.countyCode]!.hhPerGroup;
      list.push({
        code: `${u.code}${String(i + 1).padStart(3, '0')}`,
        name: village ? `${short}${chineseNumber(i + 1)}组` : `${short}第${i + 1}网格`,
        kind: village ? 'VILLAGER_GROUP' : 'RESIDENTIAL_COMPOUND',
        unitCode: u.code,
        households: village ? hh.int(lo, hi) : hh.int(COMMUNITY_GRID_HOUSEHOLDS[0], COMMUNITY_GRID_HOUSEHOLDS[1]),
        population: 0,
      });
    }
    gridsOf.set(u.code, list);
    grids.push(...list);
  }
  // Yanchi: exactly the report's households over its units.
  for (const [countyCode, cp] of Object.entries(COUNTY_PLAN)) {
    if (!cp.totalHouseholds) continue;
    const cu = units.filter((u) => u.countyCode === countyCode);
    const communityHh = cu
      .filter((u) => u.kind === 'COMMUNITY')
      .flatMap((u) => gridsOf.get(u.code)!)
      .reduce((s, g) => s + g.households, 0);
    const vg = cu.filter((u) => u.kind === 'VILLAGE').flatMap((u) => gridsOf.get(u.code)!);
    allocate(
      cp.totalHouseholds - communityHh,
      vg.map((g) => g.households),
      8,
    ).forEach((n, i) => {
      vg[i]!.households = n;
    });
  }

  // ---- community party organisations and the grid chain -------------------------------------
  const party = Rng.of(seed, 'party');
  const communities = units.filter((u) => u.kind === 'COMMUNITY');
  const byGrids = [...communities].sort((a, b) => b.gridCount - a.gridCount || a.code.localeCompare(b.code));
  byGrids.forEach((c, i) => {
    c.partyLevel = i < REPORT.communityCommittees ? 'COMMITTEE' : c.gridCount >= 6 ? 'GENERAL_BRANCH' : 'BRANCH';
  });
  for (const v of units) if (v.kind === 'VILLAGE') v.partyLevel = null;

  // Grid branches: to the communities with the most grids per branch, each needing room for a building group.
  const branches = new Map<string, number>(communities.map((c) => [c.code, 0]));
  for (let i = 0; i < REPORT.gridBranches; i++) {
    const best = byGrids
      .filter((c) => 2 * (branches.get(c.code)! + 1) <= c.gridCount)
      .sort(
        (a, b) =>
          b.gridCount / (branches.get(b.code)! + 1) - a.gridCount / (branches.get(a.code)! + 1) ||
          a.code.localeCompare(b.code),
      )[0];
    if (!best) throw new Error('no community has room for another grid branch');
    branches.set(best.code, branches.get(best.code)! + 1);
  }
  // Grid party groups: one per branch (its building group), one per community without a branch, the rest where grids are free.
  const groups = new Map<string, number>(
    communities.map((c) => [c.code, branches.get(c.code)! > 0 ? branches.get(c.code)! : 1]),
  );
  let left = REPORT.gridGroups - [...groups.values()].reduce((s, n) => s + n, 0);
  if (left < 0) throw new Error('too few grid party groups for the communities');
  while (left > 0) {
    const free = (c: PlanUnit) => c.gridCount - branches.get(c.code)! - groups.get(c.code)!;
    const best = [...byGrids].sort((a, b) => free(b) - free(a) || a.code.localeCompare(b.code))[0]!;
    if (free(best) <= 0) throw new Error('no free grid for a grid party group');
    groups.set(best.code, groups.get(best.code)! + 1);
    left--;
  }

  const partyUnits: PlanPartyUnit[] = [];
  const gridParty = new Map<string, 'CHAIN' | 'NV' | 'EXTRA'>();
  const extraFor: { grid: PlanGrid; unit: PlanUnit }[] = [];
  for (const c of communities) {
    const short = shortName(c.name);
    const orgKey = `CO:${c.code}`;
    const suffix = c.partyLevel === 'COMMITTEE' ? '党委' : c.partyLevel === 'GENERAL_BRANCH' ? '党总支' : '党支部';
    partyUnits.push({
      key: orgKey,
      name: `${short}${suffix}`,
      level: c.partyLevel!,
      kind: 'COMMUNITY',
      parentKey: null,
      unitCode: c.code,
      gridCode: null,
      members: party.int(30, 180),
    });
    const list = party.shuffle(gridsOf.get(c.code)!);
    const nb = branches.get(c.code)!;
    const ng = groups.get(c.code)!;
    let k = 0;
    const branchKeys: string[] = [];
    for (let i = 0; i < nb; i++) {
      const g = list[k++]!;
      g.kind = 'RESIDENTIAL_COMPOUND';
      const key = `GB:${g.code}`;
      branchKeys.push(key);
      partyUnits.push({
        key,
        name: `${g.name}党支部`,
        level: 'BRANCH',
        kind: 'GRID',
        parentKey: orgKey,
        unitCode: c.code,
        gridCode: g.code,
        members: party.int(8, 30),
      });
      gridParty.set(g.code, 'CHAIN');
    }
    for (let i = 0; i < ng; i++) {
      const g = list[k++]!;
      if (nb > 0) {
        g.kind = 'BUILDING';
        partyUnits.push({
          key: `GG:${g.code}`,
          name: `${g.name}楼栋党小组`,
          level: 'GROUP',
          kind: 'BUILDING',
          parentKey: branchKeys[i % nb]!,
          unitCode: c.code,
          gridCode: g.code,
          members: party.int(3, 12),
        });
      } else {
        partyUnits.push({
          key: `GG:${g.code}`,
          name: `${g.name}党小组`,
          level: 'GROUP',
          kind: 'GRID',
          parentKey: orgKey,
          unitCode: c.code,
          gridCode: g.code,
          members: party.int(3, 12),
        });
      }
      gridParty.set(g.code, 'CHAIN');
    }
    for (const g of list.slice(k)) {
      const x = party.next();
      g.kind = x < 0.12 ? 'COMMERCIAL' : x < 0.75 ? 'RESIDENTIAL_COMPOUND' : 'BUILDING';
      extraFor.push({ grid: g, unit: c });
    }
  }
  const villages = units.filter((u) => u.kind === 'VILLAGE');
  const nvCounts = allocate(
    REPORT.naturalVillageGroups,
    villages.map((v) => v.villagerGroups!),
    0,
    villages.map((v) => v.villagerGroups!),
  );
  villages.forEach((v, i) => {
    const short = shortName(v.name);
    const key = `VB:${v.code}`;
    partyUnits.push({
      key,
      name: `${short}党支部`,
      level: 'BRANCH',
      kind: 'VILLAGE',
      parentKey: null,
      unitCode: v.code,
      gridCode: null,
      members: party.int(15, 70),
    });
    const list = gridsOf.get(v.code)!;
    const nv = new Set(
      party.sample(
        list.map((g) => g.code),
        nvCounts[i]!,
      ),
    );
    for (const g of list) {
      if (nv.has(g.code)) {
        partyUnits.push({
          key: `NV:${g.code}`,
          name: `${naturalVillageName(party)}自然村党小组`,
          level: 'GROUP',
          kind: 'NATURAL_VILLAGE',
          parentKey: key,
          unitCode: v.code,
          gridCode: g.code,
          members: party.int(3, 12),
        });
        gridParty.set(g.code, 'NV');
      } else {
        extraFor.push({ grid: g, unit: v });
      }
    }
  });
  for (const v of party.sample(villages, REPORT.industryOrganisations)) {
    const general = party.next() < 0.1;
    partyUnits.push({
      key: `IN:${v.code}`,
      name: `${shortName(v.name)}${industryName(party)}产业${general ? '党总支' : '党支部'}`,
      level: general ? 'GENERAL_BRANCH' : 'BRANCH',
      kind: 'INDUSTRY',
      parentKey: `VB:${v.code}`,
      unitCode: v.code,
      gridCode: null,
      members: party.int(5, 40),
    });
  }

  // ---- imperfections (their own stream, so the perfect dataset is the same apart from them) ----
  const imp = Rng.of(seed, 'imperfections');
  const I = IMPERFECTIONS;
  const imperfections: Imperfections = {
    gapUnits: [],
    oversizedWarning: [],
    oversizedCritical: [],
    unstaffedGrids: [],
    noPartyGrids: [],
  };
  if (!perfect) {
    imperfections.gapUnits = [
      ...imp.sample(villages, I.gapVillages),
      ...imp.sample(
        communities.filter((c) => !/虚拟/.test(c.name)),
        I.gapCommunities,
      ),
    ]
      .map((u) => u.code)
      .sort();
    const sizable = imp.shuffle(
      grids.filter((g) => {
        const u = unitOf(g);
        return u.kind === 'COMMUNITY' && !COUNTY_PLAN[u.countyCode]!.totalHouseholds;
      }),
    );
    imperfections.oversizedCritical = sizable
      .slice(0, I.oversizedCritical)
      .map((g) => g.code)
      .sort();
    imperfections.oversizedWarning = sizable
      .slice(I.oversizedCritical, I.oversizedCritical + I.oversizedWarning)
      .map((g) => g.code)
      .sort();
    for (const g of grids) {
      if (imperfections.oversizedCritical.includes(g.code))
        g.households = imp.int(OVERSIZED_CRITICAL_HOUSEHOLDS[0], OVERSIZED_CRITICAL_HOUSEHOLDS[1]);
      if (imperfections.oversizedWarning.includes(g.code))
        g.households = imp.int(OVERSIZED_WARNING_HOUSEHOLDS[0], OVERSIZED_WARNING_HOUSEHOLDS[1]);
    }
  }
  function unitOf(g: PlanGrid): PlanUnit {
    return unitByCode.get(g.unitCode)!;
  }

  // ---- population and unit totals -----------------------------------------------------------
  const pop = Rng.of(seed, 'population');
  for (const g of grids)
    g.population = Math.round(
      g.households * (unitOf(g).kind === 'VILLAGE' ? pop.range(3.2, 4.1) : pop.range(2.6, 3.1)),
    );
  for (const u of units) {
    const list = gridsOf.get(u.code)!;
    u.households = list.reduce((s, g) => s + g.households, 0);
    u.population = list.reduce((s, g) => s + g.population, 0);
  }

  // ---- workers ------------------------------------------------------------------------------
  const wr = Rng.of(seed, 'workers');
  const phones = new Set<string>();
  const phone = () => {
    for (;;) {
      const p = `139${String(wr.int(0, 99_999_999)).padStart(8, '0')}`;
      if (!phones.has(p)) {
        phones.add(p);
        return p;
      }
    }
  };
  const workers: PlanWorker[] = [];
  const primary = new Map<string, PlanWorker>();
  for (const g of grids) {
    const village = unitOf(g).kind === 'VILLAGE';
    const w: PlanWorker = {
      name: personName(wr),
      phone: phone(),
      employment: village ? 'PART_TIME' : 'FULL_TIME',
      source: village
        ? wr.next() < 0.75
          ? 'OTHER'
          : 'PUBLIC_POST'
        : wr.next() < 0.6
          ? 'SPECIAL_RECRUITMENT'
          : 'PUBLIC_POST',
      active: true,
      gridCodes: [g.code],
    };
    workers.push(w);
    primary.set(g.code, w);
  }
  const extra = REPORT.workers - workers.length;
  const secondFullTime = 100;
  const withExtra = new Set<string>();
  // Second, full-time workers for the busiest community grids.
  const busiest = grids
    .filter((g) => unitOf(g).kind === 'COMMUNITY')
    .sort((a, b) => b.households - a.households || a.code.localeCompare(b.code))
    .slice(0, secondFullTime);
  for (const g of busiest) {
    workers.push({
      name: personName(wr),
      phone: phone(),
      employment: 'FULL_TIME',
      source: 'SPECIAL_RECRUITMENT',
      active: true,
      gridCodes: [g.code],
    });
    withExtra.add(g.code);
  }
  // Cadres sent down to villages (2+ per chosen village), each covering 1–3 of its groups.
  const cadres = extra - secondFullTime;
  const stationed = wr.sample(
    villages.filter((v) => v.gridCount >= 3),
    217,
  );
  allocate(
    cadres,
    stationed.map(() => 1),
    2,
  ).forEach((n, i) => {
    const list = gridsOf.get(stationed[i]!.code)!;
    for (let k = 0; k < n; k++) {
      const covered = wr.sample(list, wr.int(1, 3)).map((g) => g.code);
      covered.forEach((c) => withExtra.add(c));
      workers.push({
        name: personName(wr),
        phone: phone(),
        employment: 'PART_TIME',
        source: 'SENT_DOWN_CADRE',
        active: true,
        gridCodes: covered,
      });
    }
  });
  if (workers.length !== REPORT.workers)
    throw new Error(`planned ${workers.length} workers, expected ${REPORT.workers}`);

  if (!perfect) {
    // Unstaffed grids: grids staffed only by their primary worker, in units with more than one grid.
    const candidates = (kind: UnitKind) =>
      grids.filter((g) => unitOf(g).kind === kind && unitOf(g).gridCount >= 2 && !withExtra.has(g.code));
    const chosen = [
      ...imp.sample(candidates('VILLAGE'), I.unstaffedVillageGrids),
      ...imp.sample(candidates('COMMUNITY'), I.unstaffedCommunityGrids),
    ];
    chosen.forEach((g, i) => {
      const w = primary.get(g.code)!;
      if (i < I.unstaffedInactive)
        w.active = false; // the worker left; the post was not refilled
      else w.gridCodes = [gridsOf.get(g.unitCode)!.find((s) => s.code !== g.code)!.code]; // the worker covers a neighbouring grid instead
    });
    imperfections.unstaffedGrids = chosen.map((g) => g.code).sort();
  }

  // ---- party units on the remaining grids: villager-group party groups and paired agencies ----
  const noParty = new Set<string>();
  if (!perfect) {
    const pick = (kind: UnitKind, n: number) =>
      imp
        .sample(
          extraFor.filter((e) => e.unit.kind === kind),
          n,
        )
        .map((e) => e.grid.code);
    for (const c of [...pick('VILLAGE', I.noPartyVillageGrids), ...pick('COMMUNITY', I.noPartyCommunityGrids)])
      noParty.add(c);
    imperfections.noPartyGrids = [...noParty].sort();
  }
  for (const { grid: g, unit: u } of extraFor) {
    const members = party.int(3, 15);
    const agency = agencyName(party, countyName.get(u.countyCode)!);
    if (noParty.has(g.code)) continue;
    if (u.kind === 'VILLAGE') {
      partyUnits.push({
        key: `VG:${g.code}`,
        name: `${g.name}党小组`,
        level: 'GROUP',
        kind: 'VILLAGE',
        parentKey: `VB:${u.code}`,
        unitCode: u.code,
        gridCode: g.code,
        members,
      });
    } else {
      partyUnits.push({
        key: `AG:${g.code}`,
        name: `${agency}党支部（联建${g.name}）`,
        level: 'BRANCH',
        kind: 'AGENCY',
        parentKey: null,
        unitCode: u.code,
        gridCode: g.code,
        members,
      });
    }
  }

  // ---- the manifest -------------------------------------------------------------------------
  const expected: ExpectedFinding[] = [];
  const gridByCode = new Map(grids.map((g) => [g.code, g]));
  for (const code of imperfections.gapUnits)
    expected.push({
      kind: 'UNCOVERED_LAND',
      severity: RULES.uncoveredLand.severity,
      villageCode: code,
      gridCode: null,
    });
  for (const code of imperfections.oversizedCritical)
    expected.push({
      kind: 'OVERSIZED_GRID',
      severity: RULES.oversizedGrid.criticalSeverity,
      villageCode: gridByCode.get(code)!.unitCode,
      gridCode: code,
    });
  for (const code of imperfections.oversizedWarning)
    expected.push({
      kind: 'OVERSIZED_GRID',
      severity: RULES.oversizedGrid.severity,
      villageCode: gridByCode.get(code)!.unitCode,
      gridCode: code,
    });
  for (const code of imperfections.unstaffedGrids)
    expected.push({
      kind: 'UNSTAFFED_GRID',
      severity: RULES.unstaffedGrid.severity,
      villageCode: gridByCode.get(code)!.unitCode,
      gridCode: code,
    });
  for (const code of imperfections.noPartyGrids)
    expected.push({
      kind: 'NO_PARTY_UNIT',
      severity: RULES.noPartyUnit.severity,
      villageCode: gridByCode.get(code)!.unitCode,
      gridCode: code,
    });
  expected.sort(
    (a, b) =>
      a.kind.localeCompare(b.kind) ||
      a.villageCode.localeCompare(b.villageCode) ||
      (a.gridCode ?? '').localeCompare(b.gridCode ?? ''),
  );

  return { options, registry, units, grids, workers, partyUnits, imperfections, expected, seatTownship };
}
