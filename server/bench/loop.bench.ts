/**
 * `npm run bench:loop` — what issue #16 adds to the writing path and what its queries cost,
 * on a seeded database (DATABASE_URL). The rectification trigger runs at COMMIT, so the
 * recomputes here commit (they rewrite the same findings: the data does not change) and are
 * timed with the trigger and without it (session_replication_role = replica, superuser only).
 * With --write, appends the table to docs/performance.md.
 */
import 'reflect-metadata';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../src/config';
import { ormConfig } from '../src/db/mikro-orm.config';
import { CoverageService } from '../src/coverage/coverage.service';
import { coverageHistory } from '../src/coverage-history/coverage-history.service';
import { query } from '../src/common/sql';
import { RectificationService } from '../src/rectification/rectification.service';
import { WorkOrderService } from '../src/work-order/work-order.service';

const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const orm = await MikroORM.init(ormConfig(config.databaseUrl));
const coverage = new CoverageService(config);
const em = () => orm.em.fork();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const f = (v: number) => `${v.toFixed(1)} ms`;

const units = await query<{ village_id: number }>(
  em(),
  `select distinct village_id from coverage_finding order by village_id limit 40`,
);
async function recomputeCommitted(trigger: boolean): Promise<number[]> {
  const out: number[] = [];
  for (const u of units) {
    const t0 = performance.now();
    await em().transactional(async (tx) => {
      if (!trigger) await query(tx, 'set local session_replication_role = replica');
      await coverage.recompute(tx, [Number(u.village_id)]);
    });
    out.push(performance.now() - t0);
  }
  return out;
}
const withTrigger = await recomputeCommitted(true);
const without = await recomputeCommitted(false);
const withAgain = await recomputeCommitted(true);

const rebuild = async (trigger: boolean) => {
  const t0 = performance.now();
  await em().transactional(async (tx) => {
    if (!trigger) await query(tx, 'set local session_replication_role = replica');
    const ids = (await query<{ id: number }>(tx, 'select id from village order by id')).map((r) => Number(r.id));
    await coverage.recompute(tx, ids);
  });
  return performance.now() - t0;
};
const rebuildWith = await rebuild(true);
const rebuildWithout = await rebuild(false);

const deps = { em: em(), principal: null, corridor: { coverage }, config };
const time = async (fn: () => Promise<unknown>, n = 9) => {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
};
const rect = new RectificationService(deps);
const wo = new WorkOrderService(deps);
const ranking = await time(() => rect.ranking());
const queue = await time(() => rect.list({ perPage: 25 }, { status: 'OPEN' as never }));
const figures = await time(() => wo.figuresReport());
const history = await time(() => coverageHistory.history(em(), null, '2019-01-01'));
const snapshot = await time(() => em().transactional((tx) => coverageHistory.snapshot(tx)), 3);
const [{ load }] = [{ load: os.loadavg()[0]!.toFixed(1) }];

const table = `
## Issue #16: rectification, work orders, coverage history (\`npm run bench:loop\`, ${new Date().toISOString().slice(0, 10)}, load average ${load} on ${os.cpus().length} cores)

| what | median |
|---|---|
| recompute one unit and COMMIT, with the rectification trigger (${units.length} units, two rounds) | ${f(median([...withTrigger, ...withAgain]))} |
| the same without the trigger (session_replication_role = replica) | ${f(median(without))} |
| full recompute of every unit and COMMIT, with the trigger / without | ${f(rebuildWith)} / ${f(rebuildWithout)} |
| \`rectificationRanking\` (every township) | ${f(ranking)} |
| \`allRectifications\` (open, first page) | ${f(queue)} |
| \`workOrderFigures\` (city) | ${f(figures)} |
| \`coverageHistory\` of the city since 2019 | ${f(history)} |
| \`takeCoverageSnapshot\` (every unit, township, county, city) | ${f(snapshot)} |
`;
console.log(table);
if (process.argv.includes('--write')) appendFileSync(new URL('../../docs/performance.md', import.meta.url), table);
await orm.close();
