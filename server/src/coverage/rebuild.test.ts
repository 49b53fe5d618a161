import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUnitChain } from '../../../tests/helpers/fixture';
import { LITONG, offset, rect } from '../../../tests/helpers/geo';
import { startServer, type TestServer } from '../../../tests/helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
});
afterAll(() => s.close());

const GRID = `mutation($v: ID!, $g: GeoJSON!, $name: String!) { createGrid(villageId: $v, geometry: $g, name: $name, households: 50, overlaps: ALLOW) { id } }`;

/** Everything coverage stores about these units, geometry as a hash of its exact bytes. */
async function coverageOf(villageIds: string[]) {
  const ids = `{${villageIds.join(',')}}`;
  const units = await s.sql(
    `select village_id, area_m2, uncovered_m2, covered_share, grid_count, households_in_grids, md5(ST_AsEWKB(uncovered)) as geom
     from coverage_unit where village_id = any(?::int[]) order by village_id`,
    [ids],
  );
  const findings = await s.sql(
    `select id, kind, severity, village_id, other_village_id, grid_id, other_grid_id, subject_name, other_name, value, expected, area_m2,
            md5(ST_AsEWKB(geom)) as geom, md5(ST_AsEWKB(point)) as point
     from coverage_finding where village_id = any(?::int[]) or other_village_id = any(?::int[]) order by id`,
    [ids, ids],
  );
  return { units, findings };
}

describe('the full coverage rebuild in batches', () => {
  it('one township a batch leaves exactly what one transaction over every unit leaves, overlaps across batches included', async () => {
    // Two units side by side in two townships (two batches); a grid of the west unit reaches 5 m
    // into the east unit and overlaps the east unit's grid there: a pair that crosses batches.
    const origin = offset(...LITONG, -70_000, -30_000);
    const west = await createUnitChain(s, origin, 1000);
    const east = await createUnitChain(s, offset(...origin, 1000, 0), 1000);
    await s.ok(GRID, { v: west.villageId, g: rect(...offset(...origin, 495, 0), 509, 1000), name: '跨界' });
    await s.ok(GRID, { v: west.villageId, g: rect(...origin, 300, 600), name: '西南' });
    await s.ok(GRID, { v: east.villageId, g: rect(...offset(...origin, 1000, 0), 400, 1000), name: '东' });
    const villages = [west.villageId, east.villageId];

    const service = s.app.coverage;
    await service.rebuildInOneTransaction(s.app.orm.em.fork());
    const once = await coverageOf(villages);
    const kinds = new Set(once.findings.map((f) => f.kind));
    for (const k of ['OVERLAP', 'SPILL', 'UNCOVERED_LAND', 'UNSTAFFED_GRID']) expect(kinds, k).toContain(k);
    expect(once.findings.find((f) => f.kind === 'OVERLAP')!.other_village_id).not.toBeNull();

    // Take the units' coverage away, so only the batched rebuild can bring it back.
    await s.sql('delete from coverage_finding where village_id = any(?::int[]) or other_village_id = any(?::int[])', [
      `{${villages}}`,
      `{${villages}}`,
    ]);
    await s.sql('delete from coverage_unit where village_id = any(?::int[])', [`{${villages}}`]);
    expect((await coverageOf(villages)).units).toEqual([]);

    const progress: [number, number][] = [];
    const [{ n: units }] = await s.sql<{ n: string }>('select count(*) as n from village');
    const [{ n: townships }] = await s.sql<{ n: string }>('select count(distinct township_id) as n from village');
    const done = await service.rebuild(s.app.orm.em.fork(), {
      batchUnits: 1,
      onBatch: (d, t) => progress.push([d, t]),
    });
    expect(done).toBe(Number(units));
    expect(progress.length).toBe(Number(townships));
    expect(progress.at(-1)).toEqual([Number(units), Number(units)]);
    expect(await coverageOf(villages)).toEqual(once);
  });

  it("inside a caller's transaction (the seed's) the batches run in that transaction instead of waiting for its locks", async () => {
    const [{ n: before }] = await s.sql<{ n: string }>('select n from data_version where id = 1');
    const done = await s.app.orm.em.fork().transactional(async (tx) => {
      // The caller holds the writers' lock, as the seed's transaction does after its inserts.
      await tx
        .getConnection()
        .execute('select n from data_version where id = 1 for update', [], 'all', tx.getTransactionContext());
      return s.app.coverage.rebuild(tx, { batchUnits: 1 });
    });
    const [{ n: units }] = await s.sql<{ n: string }>('select count(*) as n from village');
    expect(done).toBe(Number(units));
    const [{ n: after }] = await s.sql<{ n: string }>('select n from data_version where id = 1');
    expect(Number(after)).toBeGreaterThan(Number(before));
  }, 30_000);
});
