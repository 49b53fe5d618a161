/** `npm run coverage:rebuild`: recomputes the coverage of every unit in one transaction. */
import 'reflect-metadata';
import { MikroORM } from '@mikro-orm/postgresql';
import { config } from '../config';
import { ormConfig } from '../db/mikro-orm.config';
import { CoverageService } from './coverage.service';

const orm = await MikroORM.init(ormConfig(config().databaseUrl));
const started = performance.now();
const units = await new CoverageService(config()).rebuild(orm.em.fork());
console.log(`coverage rebuilt for ${units} units in ${Math.round(performance.now() - started)} ms`);
await orm.close();
