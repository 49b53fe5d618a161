/**
 * Base maps chosen at run time: the administrator's settings (GraphQL `mapSettings`),
 * else VITE_TILE_URL / the browser's own tile URL (tiles.ts), else none (offline).
 */
import type { BaseMapKind, TiandituPreset } from '../../generated/graphql';
import { tileUrl } from '../tiles';

export type { BaseMapKind, TiandituPreset };

export interface BaseMapConfig {
  id: string;
  name: string;
  kind: BaseMapKind;
  preset?: TiandituPreset | null;
  url?: string | null;
  labelUrl?: string | null;
  subdomains?: string | null;
  attribution?: string | null;
  gcj02: boolean;
  maxZoom: number;
}

export interface MapSettings {
  tiandituKey: string | null;
  baseMaps: BaseMapConfig[];
  defaultBaseMap: string | null;
}

/** What the map draws: one or two tile templates (base and labels), attribution, CRS. */
export interface ResolvedBaseMap {
  id: string;
  name: string;
  layers: { url: string; subdomains: string }[];
  attribution: string;
  gcj02: boolean;
  maxZoom: number;
  tianditu: boolean;
  /** Set when the base map cannot work as configured (a 天地图 map without key). */
  problem?: 'no_key';
}

/** 天地图's host; the browser tests route it to a local tile server. */
export const TIANDITU_HOST = 'tianditu.gov.cn';
const TDT_LAYERS: Record<TiandituPreset, [string, string]> = {
  VEC: ['vec', 'cva'],
  IMG: ['img', 'cia'],
  TER: ['ter', 'cta'],
};

/** 天地图 WMTS in Web Mercator (TILEMATRIXSET=w), layer e.g. "img" → img_w. */
export function tiandituUrl(layer: string, key: string): string {
  return `https://t{s}.${TIANDITU_HOST}/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`;
}

export function resolveBaseMap(b: BaseMapConfig, key: string | null): ResolvedBaseMap {
  if (b.kind === 'TIANDITU') {
    const [base, labels] = TDT_LAYERS[b.preset ?? 'VEC'];
    return {
      id: b.id,
      name: b.name,
      gcj02: false,
      maxZoom: b.maxZoom,
      tianditu: true,
      layers: key
        ? [
            { url: tiandituUrl(base, key), subdomains: '01234567' },
            { url: tiandituUrl(labels, key), subdomains: '01234567' },
          ]
        : [],
      attribution: b.attribution || '© 天地图 国家地理信息公共服务平台',
      problem: key ? undefined : 'no_key',
    };
  }
  const layers = [{ url: b.url ?? '', subdomains: b.subdomains || 'abc' }];
  if (b.labelUrl) layers.push({ url: b.labelUrl, subdomains: b.subdomains || 'abc' });
  return {
    id: b.id,
    name: b.name,
    layers,
    attribution: b.attribution ?? '',
    gcj02: b.gcj02,
    maxZoom: b.maxZoom,
    tianditu: false,
  };
}

export const FALLBACK_ID = 'env';
export const OFFLINE_ID = 'none';

/** The base maps offered in the layer switcher, in order: the configured ones, then the build-time/browser URL. */
export function availableBaseMaps(settings: MapSettings | null): ResolvedBaseMap[] {
  const out = (settings?.baseMaps ?? []).map((b) => resolveBaseMap(b, settings?.tiandituKey ?? null));
  const env = tileUrl();
  if (env)
    out.push({
      id: FALLBACK_ID,
      name: 'VITE_TILE_URL',
      layers: [{ url: env, subdomains: 'abc' }],
      attribution: '© map tiles',
      gcj02: false,
      maxZoom: 19,
      tianditu: false,
    });
  return out;
}

/** The first base map: the browser's last choice if still offered, else the settings' default, else the fallback URL, else none. */
export function initialBaseMapId(settings: MapSettings | null, offered: ResolvedBaseMap[]): string {
  const saved = readChoice();
  if (saved && (saved === OFFLINE_ID || offered.some((b) => b.id === saved))) return saved;
  if (settings?.defaultBaseMap && offered.some((b) => b.id === settings.defaultBaseMap)) return settings.defaultBaseMap;
  if (offered.some((b) => b.id === FALLBACK_ID)) return FALLBACK_ID;
  return OFFLINE_ID;
}

const CHOICE_KEY = 'wz.baseMap';
const OPACITY_KEY = 'wz.gridOpacity';
export function readChoice(): string | null {
  try {
    return localStorage.getItem(CHOICE_KEY);
  } catch {
    return null;
  }
}
export function saveChoice(id: string) {
  try {
    localStorage.setItem(CHOICE_KEY, id);
  } catch {
    /* storage blocked */
  }
}
export function readOpacity(): number {
  const v = Number(localStorage.getItem(OPACITY_KEY));
  return localStorage.getItem(OPACITY_KEY) !== null && Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 1;
}
export function saveOpacity(v: number) {
  localStorage.setItem(OPACITY_KEY, String(v));
}
