import { runChange, type CorridorDeps } from '../changes/corridor';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../auth/principal';
import { requireAdmin } from '../auth/principal';
import { badInput } from '../common/errors';
import { query } from '../common/sql';
import { SETTINGS_MESSAGES as M } from './settings.messages';
import { SETTINGS_SQL } from './settings.sql';
import { BaseMapKind, type BaseMap, type BaseMapInput, type MapSettings } from './settings.types';

export const MAX_BASE_MAPS = 20;

/** Offline by default: no base map until an administrator configures one. */
const EMPTY: MapSettings = { tiandituKey: null, baseMaps: [], defaultBaseMap: null, updatedAt: null, updatedBy: null };

const TEMPLATE = /^(https?:\/\/[^\s]+|\/[^\s]*)$/;
const hasXyz = (u: string) => u.includes('{z}') && u.includes('{x}') && (u.includes('{y}') || u.includes('{-y}'));

function parse(value: string | undefined): MapSettings {
  if (!value) return { ...EMPTY };
  const v = JSON.parse(value) as Partial<MapSettings> & { updatedAt?: string | null };
  return {
    tiandituKey: v.tiandituKey ?? null,
    baseMaps: v.baseMaps ?? [],
    defaultBaseMap: v.defaultBaseMap ?? null,
    updatedAt: v.updatedAt ? new Date(v.updatedAt) : null,
    updatedBy: v.updatedBy ?? null,
  };
}

/** The key in the audit trail: enough to recognise it, not enough to use it. */
const masked = (s: MapSettings) => ({ ...s, tiandituKey: s.tiandituKey ? `…${s.tiandituKey.slice(-4)}` : null });

/** Checks the whole input; the first problem refuses it and nothing is written. */
export function validateMapSettings(
  tiandituKey: string | null,
  baseMaps: BaseMapInput[],
  defaultBaseMap: string | null,
): BaseMap[] {
  if (baseMaps.length > MAX_BASE_MAPS) throw badInput(M.tooMany(MAX_BASE_MAPS), { field: 'baseMaps' });
  if (tiandituKey !== null && !/^[A-Za-z0-9]{8,64}$/.test(tiandituKey))
    throw badInput(M.badKey(), { field: 'tiandituKey' });
  const seen = new Set<string>();
  const out: BaseMap[] = [];
  for (const b of baseMaps) {
    const id = b.id.trim();
    if (!/^[a-z0-9_-]{1,32}$/.test(id)) throw badInput(M.badId(b.id), { field: 'baseMaps.id' });
    if (seen.has(id)) throw badInput(M.duplicateId(id), { field: 'baseMaps.id' });
    seen.add(id);
    const name = b.name.trim();
    if (!name) throw badInput(M.emptyName(id), { field: 'baseMaps.name' });
    const maxZoom = b.maxZoom ?? 18;
    if (!Number.isInteger(maxZoom) || maxZoom < 1 || maxZoom > 22)
      throw badInput(M.badZoom(id), { field: 'baseMaps.maxZoom' });
    const attribution = b.attribution?.trim() || null;
    if (b.kind === BaseMapKind.TIANDITU) {
      if (!b.preset) throw badInput(M.presetMissing(id), { field: 'baseMaps.preset' });
      if (!tiandituKey) throw badInput(M.keyMissing(), { field: 'tiandituKey' });
      out.push({
        id,
        name,
        kind: b.kind,
        preset: b.preset,
        url: null,
        labelUrl: null,
        subdomains: null,
        attribution,
        gcj02: false,
        maxZoom,
      });
      continue;
    }
    const url = b.url?.trim() ?? '';
    if (!TEMPLATE.test(url) || !hasXyz(url)) throw badInput(M.badUrl(id, 'url'), { field: 'baseMaps.url' });
    const labelUrl = b.labelUrl?.trim() || null;
    if (labelUrl && (!TEMPLATE.test(labelUrl) || !hasXyz(labelUrl)))
      throw badInput(M.badUrl(id, 'labelUrl'), { field: 'baseMaps.labelUrl' });
    if (!attribution) throw badInput(M.attributionMissing(id), { field: 'baseMaps.attribution' });
    out.push({
      id,
      name,
      kind: b.kind,
      preset: null,
      url,
      labelUrl,
      subdomains: b.subdomains?.trim() || null,
      attribution,
      gcj02: Boolean(b.gcj02),
      maxZoom,
    });
  }
  if (defaultBaseMap !== null && !seen.has(defaultBaseMap))
    throw badInput(M.unknownDefault(defaultBaseMap), { field: 'defaultBaseMap' });
  return out;
}

/** The admin map's base maps, in app_setting ('map_settings', one JSON value). */
export class SettingsService {
  async get(em: EntityManager): Promise<MapSettings> {
    const [row] = await query<{ value: string }>(em, SETTINGS_SQL.read);
    return parse(row?.value);
  }

  /** Replaces the map settings (administrators only), in one transaction with its audit event. */
  async update(
    em: EntityManager,
    corridor: CorridorDeps,
    principal: Principal | null,
    input: { tiandituKey?: string | null; baseMaps: BaseMapInput[]; defaultBaseMap?: string | null },
    changeIds?: number[],
  ): Promise<MapSettings> {
    requireAdmin(principal);
    const key = input.tiandituKey?.trim() || null;
    const baseMaps = validateMapSettings(key, input.baseMaps, input.defaultBaseMap ?? null);
    // Through the write corridor: one change with one event (the key masked); the role was checked above.
    const { result, changeId } = await runChange(
      em,
      corridor,
      { principal, name: 'updateMapSettings', operation: 'UPDATE', preAuthorized: true },
      async (tx) => {
        const [row] = await query<{ value: string }>(tx.em, SETTINGS_SQL.lock);
        const before = row ? parse(row.value) : null;
        const after: MapSettings = {
          tiandituKey: key,
          baseMaps,
          defaultBaseMap: input.defaultBaseMap ?? null,
          updatedAt: new Date(),
          updatedBy: principal?.username ?? 'system',
        };
        await query(tx.em, SETTINGS_SQL.write, [JSON.stringify(after)]);
        tx.event('MapSettings', null, before ? masked(before) : null, masked(after));
        tx.summary('Map settings updated');
        return after;
      },
    );
    changeIds?.push(changeId);
    return result;
  }
}
