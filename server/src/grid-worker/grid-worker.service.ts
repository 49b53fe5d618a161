import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
import { badInput, notFound } from '../common/errors';
import { type Where } from '../common/sql';
import { Grid } from '../grid/grid.entity';
import { sameSet } from '../grid/grid.service';
import { GridWorker } from './grid-worker.entity';
import type { CreateGridWorkerArgs, GridWorkerFilter, UpdateGridWorkerArgs } from './grid-worker.inputs';
import { GRID_WORKER_SQL } from './grid-worker.sql';

export class GridWorkerService extends EntityService<
  GridWorker,
  GridWorkerFilter,
  CreateGridWorkerArgs,
  UpdateGridWorkerArgs
> {
  readonly entity = GridWorker;
  readonly typeName = 'GridWorker' as const;
  readonly table = 'grid_worker';
  protected override readonly searchColumns = ['e.name', 'e.phone'];
  readonly sortable = {
    name: 'e.name',
    phone: 'e.phone',
    employment: 'e.employment',
    source: 'e.source',
    active: 'e.active',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
  };

  protected filterBy(_em: EntityManager, where: Where, f: GridWorkerFilter): void {
    if (f.employment) where.add('e.employment = ?', f.employment);
    if (f.source) where.add('e.source = ?', f.source);
    if (f.active != null) where.add('e.active = ?', f.active);
    if (f.gridId) where.add(GRID_WORKER_SQL.ofGrid, Number(f.gridId));
    if (f.villageId) where.add(GRID_WORKER_SQL.ofVillage, Number(f.villageId));
    if (f.townshipId) where.add(GRID_WORKER_SQL.ofTownship, Number(f.townshipId));
    if (f.countyId) where.add(GRID_WORKER_SQL.ofCounty, Number(f.countyId));
  }

  protected async assign(tx: ChangeTx, worker: GridWorker, input: Partial<CreateGridWorkerArgs>): Promise<void> {
    const em = tx.em;
    this.checkName(input.name);
    if (input.name != null) worker.name = input.name.trim();
    if (input.phone !== undefined) {
      const phone = input.phone?.trim() || null;
      if (phone && !/^[+\d][\d\s-]{4,30}$/.test(phone)) throw badInput(`${phone} is not a phone number.`);
      worker.phone = phone;
    }
    if (input.employment != null) worker.employment = input.employment;
    if (input.source != null) worker.source = input.source;
    if (input.active != null) worker.active = input.active;
    if (input.gridIds) {
      const ids = [...new Set(input.gridIds.map(Number))];
      const grids = await em.find(Grid, { id: { $in: ids } });
      const missing = ids.find((id) => !grids.some((g) => g.id === id));
      if (missing !== undefined) throw notFound('Grid', missing);
      // The grids it joins or leaves change too: each must be in the writer's scope.
      if (!worker.grids.isInitialized()) await worker.grids.init();
      const current = worker.grids.getItems().map((g) => g.id);
      await tx.touch('Grid', [...new Set([...current, ...ids])]);
      if (!sameSet(current, ids)) {
        // A change of assignments is a change of the record: bump its version too.
        worker.updatedAt = new Date();
        // A worker who leaves a grid stops leading it (网格长 is one of the grid's own workers).
        const left = await em.find(Grid, { id: { $in: current.filter((id) => !ids.includes(id)) }, leader: worker.id });
        for (const g of left) g.leader = null;
        worker.grids.set(grids);
      }
    }
  }
}
