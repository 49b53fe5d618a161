import type { EntityManager } from '@mikro-orm/postgresql';
import type { ChangeTx } from '../changes/corridor';
import { EntityService } from '../crud/entity.service';
import { badInput, conflict, messages, notFound } from '../common/errors';
import { query, type Where } from '../common/sql';
import { Grid } from '../grid/grid.entity';
import { Village } from '../village/village.entity';
import { PartyUnit } from './party-unit.entity';
import type { CreatePartyUnitArgs, PartyUnitFilter, UpdatePartyUnitArgs } from './party-unit.inputs';
import { PARTY_UNIT_SQL } from './party-unit.sql';

export class PartyUnitService extends EntityService<
  PartyUnit,
  PartyUnitFilter,
  CreatePartyUnitArgs,
  UpdatePartyUnitArgs
> {
  readonly entity = PartyUnit;
  readonly typeName = 'PartyUnit' as const;
  readonly table = 'party_unit';
  protected override readonly searchColumns = ['e.name'];
  readonly sortable = {
    name: 'e.name',
    level: 'e.level',
    kind: 'e.kind',
    members: 'e.members',
    parentId: 'e.parent_id',
    villageId: 'e.village_id',
    gridId: 'e.grid_id',
    createdAt: 'e.created_at',
    updatedAt: 'e.updated_at',
  };

  protected filterBy(_em: EntityManager, where: Where, f: PartyUnitFilter): void {
    if (f.level) where.add('e.level = ?', f.level);
    if (f.kind) where.add('e.kind = ?', f.kind);
    if (f.parentId) where.add('e.parent_id = ?', Number(f.parentId));
    if (f.root != null) where.add(f.root ? 'e.parent_id is null' : 'e.parent_id is not null');
    if (f.villageId) where.add(`${PARTY_UNIT_SQL.placeVillage} = ?`, Number(f.villageId));
    if (f.gridId) where.add('e.grid_id = ?', Number(f.gridId));
    if (f.countyId) where.add(PARTY_UNIT_SQL.inCounty, Number(f.countyId));
    if (f.townshipId) where.add(PARTY_UNIT_SQL.inTownship, Number(f.townshipId));
  }

  protected async assign(tx: ChangeTx, unit: PartyUnit, input: Partial<CreatePartyUnitArgs>): Promise<void> {
    const em = tx.em;
    this.checkName(input.name);
    this.checkCounts(input, ['members']);
    if (input.name != null) unit.name = input.name.trim();
    if (input.level != null) unit.level = input.level;
    if (input.kind != null) unit.kind = input.kind;
    if (input.members !== undefined) unit.members = input.members;
    if (input.parentId !== undefined) {
      if (input.parentId === null) unit.parent = null;
      else {
        const parent = await em.findOne(PartyUnit, { id: Number(input.parentId) || 0 });
        if (!parent) throw notFound('PartyUnit', input.parentId);
        if (unit.id) {
          const chain = await query<{ id: number }>(em, PARTY_UNIT_SQL.ancestors, [parent.id]);
          if (chain.some((r) => Number(r.id) === unit.id)) throw badInput(messages.partyUnitCycle());
        }
        unit.parent = parent;
      }
    }
    if (input.villageId !== undefined) {
      if (input.villageId === null) unit.village = null;
      else {
        const village = await em.findOne(Village, { id: Number(input.villageId) || 0 });
        if (!village) throw notFound('Village', input.villageId);
        await tx.checkTarget(this.typeName, [village.id]);
        unit.village = village;
      }
    }
    if (input.gridId !== undefined) {
      if (input.gridId === null) unit.grid = null;
      else {
        const grid = await em.findOne(Grid, { id: Number(input.gridId) || 0 });
        if (!grid) throw notFound('Grid', input.gridId);
        await tx.checkTarget(this.typeName, [grid.village.id]);
        await tx.touch('Grid', [grid.id]); // the grid gains a party unit: its record changes too
        unit.grid = grid;
      }
    }
  }

  protected override async checkDelete(em: EntityManager, unit: PartyUnit): Promise<void> {
    const [row] = await query<{ n: string }>(em, PARTY_UNIT_SQL.childCount, [unit.id]);
    if (Number(row?.n) > 0) throw conflict(messages.hasDependents('PartyUnit', unit.id, 'child units', Number(row!.n)));
  }
}
