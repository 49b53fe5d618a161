import { describe, expect, it } from 'vitest';
import { bindNamed } from '../common/sql';
import { findingMessage } from './coverage.messages';
import { FINDING_KINDS, FINDING_RULES, FindingKind, RULES, SEVERITIES, Severity } from './coverage.rules';
import { COVERAGE_SQL, FINDING_SORT, SEVERITY_ORDER, WORST_SEVERITY } from './coverage.sql';

const facts = (kind: FindingKind) => ({
  kind,
  subjectName: '金积一村',
  otherName: '金积二村',
  value: 640,
  expected: 7,
  areaM2: 12_345,
});

describe('coverage rules: defined once', () => {
  it('every finding kind has exactly one rule, with a known severity', () => {
    expect(FINDING_RULES.map((r) => r.kind)).toEqual(FINDING_KINDS);
    for (const r of FINDING_RULES) {
      expect(SEVERITIES).toContain(r.severity);
      if (r.criticalSeverity)
        expect(SEVERITIES.indexOf(r.criticalSeverity)).toBeLessThan(SEVERITIES.indexOf(r.severity));
    }
  });

  it("the city's thresholds: 300–500 households per community grid, critical over 1,000, 10% uncovered", () => {
    expect(RULES.undersizedGrid.minHouseholds).toBe(300);
    expect(RULES.oversizedGrid).toMatchObject({
      maxHouseholds: 500,
      severity: Severity.WARNING,
      criticalHouseholds: 1000,
      criticalSeverity: Severity.CRITICAL,
    });
    expect(RULES.uncoveredLand.criticalShare).toBe(0.1);
    expect(RULES.undersizedGrid.minHouseholds).toBeLessThan(RULES.oversizedGrid.maxHouseholds);
    expect(RULES.oversizedGrid.maxHouseholds).toBeLessThan(RULES.oversizedGrid.criticalHouseholds);
  });

  it('the coverage SQL carries no severity and no threshold of its own: they come in as parameters', () => {
    const text = Object.values(COVERAGE_SQL)
      .map((s) => (typeof s === 'function' ? (s as (...a: unknown[]) => string)('true', false) : s))
      .join('\n');
    // The only severities in the SQL text are the enum's order (SEVERITY_ORDER), never a severity a rule assigns.
    const order = SEVERITY_ORDER('').replace(/^array_position\((.*), \)$/, '$1');
    const assigned = text.replaceAll(order, '');
    for (const severity of SEVERITIES) expect(assigned).not.toContain(`'${severity}'`);
    expect(text).not.toMatch(/\b(300|500|501|1000)\b/);
  });

  it('the severity order is the enum order, most severe first', () => {
    expect(SEVERITY_ORDER('f.severity')).toBe("array_position(array['CRITICAL','WARNING','NOTICE'], f.severity)");
    expect(WORST_SEVERITY('s')).toContain('min(array_position(');
    expect(FINDING_SORT.severity).toBe(SEVERITY_ORDER('f.severity'));
  });
});

describe('finding messages: every kind in Chinese and English, quoting the rules', () => {
  it.each(FINDING_KINDS)('%s has a zh and an en message naming the subject', (kind) => {
    const m = findingMessage(facts(kind));
    expect(m.zh.length).toBeGreaterThan(5);
    expect(m.en.length).toBeGreaterThan(5);
    expect(m.zh).toContain('金积一村');
    expect(m.en).toContain('金积一村');
    expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
    // English sentences: no Chinese punctuation around the names.
    expect(m.en).not.toMatch(/[“”，（）]/);
  });

  it('size messages quote the thresholds of the rules', () => {
    expect(findingMessage(facts(FindingKind.OVERSIZED_GRID)).en).toBe(
      `Community grid 金积一村 holds 640 households, over ${RULES.oversizedGrid.maxHouseholds}`,
    );
    expect(findingMessage({ ...facts(FindingKind.UNDERSIZED_GRID), value: 120 }).zh).toBe(
      `社区网格“金积一村”只有 120 户，少于 ${RULES.undersizedGrid.minHouseholds} 户`,
    );
  });

  it('areas read in m² or km², shares in per cent', () => {
    expect(findingMessage({ ...facts(FindingKind.UNCOVERED_LAND), value: 0.125, areaM2: 2_500_000 }).en).toBe(
      '2.50 km² (12.5%) of 金积一村 lies in no grid',
    );
    expect(findingMessage(facts(FindingKind.OVERLAP)).en).toBe('Grids 金积一村 and 金积二村 overlap by 12,345 m²');
  });
});

describe('named SQL parameters', () => {
  it('binds names in order of appearance, repeats included, and leaves ::casts alone', () => {
    expect(
      bindNamed('select * from g where id = any(:ids::int[]) or other = any(:ids::int[]) and n > :min', {
        ids: '{1,2}',
        min: 3,
      }),
    ).toEqual(['select * from g where id = any(?::int[]) or other = any(?::int[]) and n > ?', ['{1,2}', '{1,2}', 3]]);
  });

  it('a name without a value is an error, not a null', () => {
    expect(() => bindNamed('select :a, :b', { a: 1 })).toThrow('SQL parameter :b has no value');
  });

  it('every named parameter of the recompute statements is one the service passes', () => {
    const given = new Set([
      'ids',
      'gridIds',
      'overlap',
      'kind',
      'severity',
      'minGapM2',
      'minOverlapM2',
      'criticalShare',
      'criticalSeverity',
      'oversized',
      'undersized',
      'maxHouseholds',
      'criticalHouseholds',
      'minHouseholds',
      'oversizedSeverity',
      'undersizedSeverity',
    ]);
    const statements: string[] = [
      ...Object.values(COVERAGE_SQL as Record<string, unknown>).filter((s): s is string => typeof s === 'string'),
      COVERAGE_SQL.overlaps('villages'),
      COVERAGE_SQL.overlaps('grids'),
    ];
    for (const text of statements) {
      for (const [, name] of text.matchAll(/(?<![:\w]):([A-Za-z_]\w*)/g)) expect(given, name).toContain(name);
    }
  });
});
