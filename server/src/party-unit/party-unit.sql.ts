import { PartyUnitLevel } from './party-unit.entity';

/** Rank of a party-unit level column (1 = committee, the highest), for `order by`. */
export const PARTY_LEVEL_ORDER = (column: string) =>
  `array_position(array[${Object.values(PartyUnitLevel)
    .map((l) => `'${l}'`)
    .join(',')}], ${column})`;

/** The statements the party-unit module runs. */
export const PARTY_UNIT_SQL = {
  /** The unit's village: its own, or its grid's. */
  placeVillage: 'coalesce(e.village_id, (select g.village_id from grid g where g.id = e.grid_id))',
  inCounty: `coalesce(e.village_id, (select g.village_id from grid g where g.id = e.grid_id))
             in (select v.id from village v join township t on t.id = v.township_id where t.county_id = ?)`,
  inTownship: `coalesce(e.village_id, (select g.village_id from grid g where g.id = e.grid_id))
               in (select v.id from village v where v.township_id = ?)`,
  childCount: 'select count(*) as n from party_unit where parent_id = ?',
  /** Ids of the unit and all its ancestors, to refuse cycles. */
  ancestors: `with recursive up(id, parent_id) as (
                select id, parent_id from party_unit where id = ?
                union select p.id, p.parent_id from party_unit p join up on p.id = up.parent_id)
              select id from up`,
} as const;
