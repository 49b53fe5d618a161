/**
 * The seed plan (records, no geometry) without a database: the report's figures, the coverage
 * rules it must respect, and a golden summary (in the style of Turf's fixtures) that changes
 * only when the plan does. After an intended change: UPDATE_GOLDEN=1 npm run test:unit.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/coverage/coverage.rules';
import { buildPlan, REPORT, type Plan } from './plan';

const GOLDEN = new URL('./plan.golden.json', import.meta.url);

const count = <T>(items: T[], key: (t: T) => string) =>
  Object.fromEntries(
    [...items.reduce((m, t) => m.set(key(t), (m.get(key(t)) ?? 0) + 1), new Map<string, number>())].sort(([a], [b]) =>
      a.localeCompare(b),
    ),
  );

/** What the golden file pins: figures, the imperfections, and a digest of every record. */
function summary(plan: Plan) {
  const sum = (xs: { households: number; population: number }[]) => ({
    households: xs.reduce((s, x) => s + x.households, 0),
    population: xs.reduce((s, x) => s + x.population, 0),
  });
  return {
    units: count(plan.units, (u) => u.kind),
    grids: count(plan.grids, (g) => g.kind),
    workers: count(plan.workers, (w) => `${w.source}/${w.employment}/${w.active ? 'active' : 'inactive'}`),
    partyUnits: count(plan.partyUnits, (p) => `${p.level}/${p.kind}`),
    city: sum(plan.units),
    imperfections: plan.imperfections,
    expected: count(plan.expected, (f) => `${f.kind}/${f.severity}`),
    digest: createHash('sha256')
      .update(JSON.stringify([plan.units, plan.grids, plan.workers, plan.partyUnits]))
      .digest('hex'),
  };
}

describe('the seed plan (seed 1)', () => {
  const plan = buildPlan({ seed: 1, perfect: false });

  it("meets the city report's figures", () => {
    const grids = count(plan.grids, (g) => plan.units.find((u) => u.code === g.unitCode)!.kind);
    expect(grids).toEqual({ COMMUNITY: REPORT.communityGrids, VILLAGE: REPORT.villageGrids });
    expect(plan.workers).toHaveLength(REPORT.workers);
    expect(plan.partyUnits.filter((p) => p.level === 'GROUP' && p.kind === 'NATURAL_VILLAGE')).toHaveLength(
      REPORT.naturalVillageGroups,
    );
    expect(plan.partyUnits.filter((p) => p.kind === 'INDUSTRY')).toHaveLength(REPORT.industryOrganisations);
  });

  it('community grids keep to the coverage rules, except the deliberate oversized ones', () => {
    const deliberate = new Set([...plan.imperfections.oversizedWarning, ...plan.imperfections.oversizedCritical]);
    const unitKind = new Map(plan.units.map((u) => [u.code, u.kind]));
    const community = plan.grids.filter((g) => unitKind.get(g.unitCode) === 'COMMUNITY');
    const outside = community.filter(
      (g) => g.households > RULES.oversizedGrid.maxHouseholds || g.households < RULES.undersizedGrid.minHouseholds,
    );
    expect(outside.map((g) => g.code).sort()).toEqual([...deliberate].sort());
    for (const code of plan.imperfections.oversizedCritical) {
      expect(community.find((g) => g.code === code)!.households).toBeGreaterThan(
        RULES.oversizedGrid.criticalHouseholds,
      );
    }
    for (const f of plan.expected.filter((e) => e.kind === 'OVERSIZED_GRID')) {
      const critical = plan.imperfections.oversizedCritical.includes(f.gridCode!);
      expect(f.severity).toBe(critical ? RULES.oversizedGrid.criticalSeverity : RULES.oversizedGrid.severity);
    }
  });

  it('is the same plan as the golden summary (and the same for the same seed)', () => {
    const now = summary(plan);
    expect(summary(buildPlan({ seed: 1, perfect: false }))).toEqual(now);
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(now, null, 2)}\n`);
    expect(now).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  it('--perfect plans no imperfection and expects no finding', () => {
    const perfect = buildPlan({ seed: 1, perfect: true });
    expect(perfect.expected).toEqual([]);
    expect(Object.values(perfect.imperfections).every((list) => list.length === 0)).toBe(true);
  });
});
