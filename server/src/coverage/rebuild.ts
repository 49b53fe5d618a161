/**
 * `npm run coverage:rebuild`: recomputes the coverage of every unit, a batch of whole
 * townships per transaction (CoverageService.rebuild), with its progress.
 */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { config } from '../config';
import { ormConfig } from '../db/mikro-orm.config';
import { CoverageService } from './coverage.service';

const orm = await MikroORM.init(ormConfig(config().databaseUrl));
const started = performance.now();
let said = 0;
const units = await new CoverageService(config()).rebuild(orm.em.fork(), {
  onBatch: (done, total) => {
    if (done === total || performance.now() - said > 5000) {
      said = performance.now();
      console.log(`  ${done}/${total} units, ${Math.round(performance.now() - started)} ms`);
    }
  },
});
console.log(`coverage rebuilt for ${units} units in ${Math.round(performance.now() - started)} ms`);
await orm.close();
