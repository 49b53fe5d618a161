/**
 * Damaged seed input files: every one is refused before anything is written, with the file
 * and line of the problem (finding 5). Pure: the files are copied to a temporary directory
 * and damaged there. The database side (a damaged file with --reset leaves it unchanged) is
 * in seed.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { damagedCopy, removeDamagedCopies } from '../tests/helpers/seed-damage';
import { DATA } from './lib/registry';
import { SeedInputError, validateRegistry } from './lib/validate';

afterAll(removeDamagedCopies);

function problems(dir: URL): string[] {
  try {
    validateRegistry(dir);
  } catch (e) {
    if (e instanceof SeedInputError) return e.problems;
    throw e;
  }
  return [];
}

const lines = (t: string) => t.split('\n');

describe('seed input validation', () => {
  it('the committed files are valid', () => {
    const r = validateRegistry(DATA);
    expect([r.counties.length, r.townships.length, r.units.length]).toEqual([5, 50, 600]);
  });

  const cases: [string, string, (t: string) => string | Buffer, RegExp][] = [
    ['an empty counties.csv', 'counties.csv', () => '', /^counties\.csv:1: the file is empty/],
    [
      'counties.csv with its header only',
      'counties.csv',
      (t) => `${lines(t)[0]}\n`,
      /^counties\.csv:2: 0 rows; the Wuzhong extract has 5/,
    ],
    [
      'villages.csv cut mid-line',
      'villages.csv',
      (t) => t.slice(0, Math.floor(t.length / 2)),
      /^villages\.csv:\d+: \d cells; expected 5/,
    ],
    [
      'villages.csv cut at a line boundary',
      'villages.csv',
      (t) => lines(t).slice(0, 300).join('\n'),
      /^villages\.csv:301: 299 rows; the Wuzhong extract has 600/,
    ],
    [
      'townships.csv cut short',
      'townships.csv',
      (t) => lines(t).slice(0, 20).join('\n'),
      /^townships\.csv:21: 19 rows/,
    ],
    [
      'binary garbage',
      'villages.csv',
      () => Buffer.from([0, 159, 146, 150, 0, 255, 10, 1, 2]),
      /^villages\.csv: holds binary data/,
    ],
    [
      'an unknown township',
      'villages.csv',
      (t) => t.replace(/\n(\d{12}),([^,]+),\d{9},/, '\n$1,$2,640399999,'),
      /^villages\.csv:2: township 640399999 is not in townships\.csv/,
    ],
    [
      'a duplicate code',
      'villages.csv',
      (t) => {
        const l = lines(t);
        l[3] = l[2]!;
        return l.join('\n');
      },
      /^villages\.csv:4: code \d+ is already on line 3/,
    ],
    [
      'an unknown kind',
      'townships.csv',
      (t) => t.replace(',TOWN\n', ',CASTLE\n'),
      /^townships\.csv:\d+: kind CASTLE is not one of/,
    ],
    ['a wrong header', 'townships.csv', (t) => t.replace('countyCode', 'county'), /^townships\.csv:1: the header is/],
    [
      'counties.geojson cut short',
      'counties.geojson',
      (t) => t.slice(0, 5000),
      /^counties\.geojson:\d+: not valid JSON/,
    ],
    [
      'counties.geojson not a FeatureCollection',
      'counties.geojson',
      () => '[]',
      /^counties\.geojson:1: not a GeoJSON FeatureCollection/,
    ],
    [
      'a county polygon far away',
      'counties.geojson',
      (t) => t.replace(/\[(10[4-7]\.\d+),/, '[116.4,'),
      /^counties\.geojson: feature 0 \(\d+\): position \[116\.4/,
    ],
    [
      'a county without a polygon',
      'counties.csv',
      (t) => t.replace(/640302/, '640399'),
      /county 640399 has no polygon in counties\.geojson/,
    ],
  ];
  for (const [name, file, change, expected] of cases) {
    it(`refuses ${name}, naming the file and line`, () => {
      const found = problems(damagedCopy(file, change));
      expect(found.length, name).toBeGreaterThan(0);
      expect(
        found.some((p) => expected.test(p)),
        `${name}: ${found.slice(0, 3).join(' / ')}`,
      ).toBe(true);
    });
  }

  it('accepts a UTF-8 byte-order mark', () => {
    expect(problems(damagedCopy('villages.csv', (t) => `\uFEFF${t}`))).toEqual([]);
  });
});
