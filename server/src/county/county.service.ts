import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
import { badInput, conflict, messages } from '../common/errors';
import { query, type Where } from '../common/sql';
import { County } from './county.entity';
import type { CountyFilter, CreateCountyArgs, UpdateCountyArgs } from './county.inputs';
import { COUNTY_SQL } from './county.sql';

export class CountyService extends EntityService<County, CountyFilter, CreateCountyArgs, UpdateCountyArgs> {
  readonly entity = County;
  readonly typeName = 'County' as const;
  readonly table = 'county';
  readonly sortable = { code: 'e.code', name: 'e.name', createdAt: 'e.created_at', updatedAt: 'e.updated_at' };

  protected async filterBy(em: EntityManager, where: Where, filter: CountyFilter): Promise<void> {
    await this.deps.geo.applySpatialFilter(em, where, filter);
  }

  protected async assign(tx: ChangeTx, county: County, input: Partial<CreateCountyArgs>): Promise<void> {
    const em = tx.em;
    this.checkName(input.name);
    if (input.code !== undefined && input.code !== null) {
      if (!/^\d{6}$/.test(input.code)) throw badInput('A county code has 6 digits (e.g. 640302).');
      county.code = input.code;
    }
    if (input.name !== undefined && input.name !== null) county.name = input.name.trim();
    if (input.geometry !== undefined) {
      county.geometry = input.geometry === null ? null : await this.deps.geo.checkPolygonal(em, input.geometry);
    }
  }

  protected override async checkDelete(em: EntityManager, county: County): Promise<void> {
    const [row] = await query<{ n: string }>(em, COUNTY_SQL.townshipCount, [county.id]);
    const n = Number(row?.n ?? 0);
    if (n > 0) throw conflict(messages.hasDependents('County', county.id, 'townships', n));
  }
}
