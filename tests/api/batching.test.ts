import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';

let s: TestServer;
beforeAll(async () => {
  s = await startServer();
  // 500 villages with 2 grids each and a worker per grid, written straight in SQL for speed.
  await s.sql(`insert into county (code, name, created_at, updated_at) values ('649950', '批量县', now(), now())`);
  await s.sql(`insert into township (code, name, kind, county_id, created_at, updated_at)
               select '649950100', '批量镇', 'TOWN', id, now(), now() from county where code = '649950'`);
  await s.sql(`insert into village (code, name, kind, township_id, created_at, updated_at)
               select '6499501' || lpad(i::text, 5, '0'), '批量村' || i, 'VILLAGE', t.id, now(), now()
               from generate_series(1, 500) i, township t where t.code = '649950100'`);
  await s.sql(`insert into grid (code, name, kind, village_id, geom, created_at, updated_at)
               select 'B-' || v.id || '-' || j, '格' || j, 'VILLAGER_GROUP', v.id,
                      ST_Multi(ST_MakeEnvelope(106 + j * 0.001, 37, 106 + j * 0.001 + 0.0009, 37.001, 4326)), now(), now()
               from village v, generate_series(1, 2) j where v.code like '6499501%'`);
  await s.sql(`insert into grid_worker (name, employment, source, active, created_at, updated_at)
               select 'W-' || g.id, 'PART_TIME', 'OTHER', true, now(), now() from grid g where g.code like 'B-%'`);
  await s.sql(`insert into grid_worker_grids (grid_worker_id, grid_id)
               select w.id, g.id from grid_worker w join grid g on w.name = 'W-' || g.id`);
});
afterAll(() => s.close());

it('resolves 500 villages with their grids and workers in a bounded number of statements', async () => {
  const knex = s.app.orm.em.getConnection().getKnex();
  let statements = 0;
  const count = () => statements++;
  knex.on('query', count);
  const d = await s.ok(
    `query($t: ID) {
    allVillages(perPage: 500, filter: { townshipId: $t }) {
      id name township { name county { name } } grids { id name areaM2 workers { id name } partyUnit { id } }
    }
  }`,
    { t: (await s.sql<{ id: number }>(`select id from township where code = '649950100'`))[0]!.id },
  );
  knex.off('query', count);

  expect(d.allVillages).toHaveLength(500);
  expect(
    d.allVillages.every(
      (v: { grids: { workers: unknown[] }[] }) => v.grids.length === 2 && v.grids.every((g) => g.workers.length === 1),
    ),
  ).toBe(true);
  // ids, villages, townships, counties, grids, grid geometry, pivot, workers, party units: one statement each.
  console.log(`statements for 500 villages with grids and workers: ${statements}`);
  expect(statements).toBeLessThanOrEqual(12);
});
