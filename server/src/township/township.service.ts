import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
import { badInput, conflict, messages, notFound } from '../common/errors';
import { query, type Where } from '../common/sql';
import { County } from '../county/county.entity';
import { Township } from './township.entity';
import type { CreateTownshipArgs, TownshipFilter, UpdateTownshipArgs } from './township.inputs';
import { TOWNSHIP_SQL } from './township.sql';

export class TownshipService extends EntityService<Township, TownshipFilter, CreateTownshipArgs, UpdateTownshipArgs> {
  readonly entity = Township;
  readonly typeName = 'Township' as const;
  readonly table = 'township';
  readonly sortable = {
    code: 'e.code',
    name: 'e.name',
    kind: 'e.kind',
    countyId: 'e.county_id',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
  };

  protected async filterBy(em: EntityManager, where: Where, filter: TownshipFilter): Promise<void> {
    if (filter.countyId) where.add('e.county_id = ?', Number(filter.countyId));
    if (filter.kind) where.add('e.kind = ?', filter.kind);
    await this.deps.geo.applySpatialFilter(em, where, filter);
  }

  protected async assign(tx: ChangeTx, township: Township, input: Partial<CreateTownshipArgs>): Promise<void> {
    const em = tx.em;
    this.checkName(input.name);
    if (input.code != null) {
      if (!/^\d{9}$/.test(input.code)) throw badInput('A township code has 9 digits (e.g. 640302100).');
      township.code = input.code;
    }
    if (input.name != null) township.name = input.name.trim();
    if (input.kind != null) township.kind = input.kind;
    if (input.countyId != null) {
      const county = await em.findOne(County, { id: Number(input.countyId) || 0 });
      if (!county) throw notFound('County', input.countyId);
      township.county = county;
    }
    if (input.geometry !== undefined) {
      township.geometry = input.geometry === null ? null : await this.deps.geo.checkPolygonal(em, input.geometry);
    }
  }

  protected override async checkDelete(em: EntityManager, township: Township): Promise<void> {
    const [row] = await query<{ n: string }>(em, TOWNSHIP_SQL.villageCount, [township.id]);
    const n = Number(row?.n ?? 0);
    if (n > 0) throw conflict(messages.hasDependents('Township', township.id, 'villages and communities', n));
  }
}
