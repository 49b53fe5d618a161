import L from 'leaflet';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { MapContext, type MapHandle, type Selection } from './MapContext';
import type { LayerName, LoadedLayer, MapFeature } from './mapData';
import { featureTooltip, layerOptions, OUTLINE_LAYERS, overviewStyle, UNITS_MIN_ZOOM, unitsShownAt } from './layers';
import { HatchCanvas } from './style';
import { escapeHtml } from './html';
import { CRS_GCJ02 } from './basemaps/gcj';
import type { ResolvedBaseMap } from './basemaps/basemaps';
import { isTileLayer, TILE_LAYERS, type MapMethods, type TileLayerName } from './mapProvider';
import { vectorTileLayer, type VectorTileLayer } from './vectorTiles';
import type { DataChange } from './changeFeed';

/**
 * From this zoom on the map loads the features in view as GeoJSON (editable, snappable, every
 * Leaflet interaction); below it villages, grids, gaps and overlaps come as vector tiles. A
 * selected unit (and its neighbours) is loaded as GeoJSON at any zoom.
 */
export const DETAIL_ZOOM = 13;
/** Grids are too small to see below this zoom: their tiles start here (villages carry the overview). */
const GRID_TILES_MIN_ZOOM = 10;
const SELECTED_STYLE: L.PathOptions = { color: '#000', weight: 4, opacity: 0.9 };

/** Fits the whole city or province, clear of the search box and the layer list. */
function fitWhole(map: L.Map, bounds: L.LatLngBounds) {
  // A phone has no room beside the map: fit the whole width.
  const narrow = map.getSize().x <= 600;
  map.fitBounds(bounds, {
    paddingTopLeft: narrow ? [8, 60] : [20, 70],
    paddingBottomRight: narrow ? [8, 8] : [270, 20],
    animate: false,
  });
}

/** [west, south, east, north] in WGS 84. */
export type Bbox = [number, number, number, number];
const toBbox = (b: L.LatLngBounds): Bbox => [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];

/** Bottom to top. Grids above villages; gaps and overlaps above grids; county/township lines on top, not clickable. */
const DRAW_ORDER: LayerName[] = ['counties', 'townships', 'villages', 'grids', 'uncovered', 'overlaps'];
const LABEL_MIN_ZOOM = 14;
const MAX_LABELS = 400;

export interface CoverageMapProps {
  layers: Partial<Record<LayerName, LoadedLayer>>;
  visible: LayerName[];
  labels: boolean;
  initialView: { center: [number, number]; zoom: number } | null;
  selected: Selection | null;
  onSelect(selection: Selection | null, event?: L.LeafletMouseEvent): void;
  onViewChange(center: [number, number], zoom: number): void;
  /** Called once every loaded layer is drawn (time to interactive). */
  onDrawn?(handle: MapHandle): void;
  reload?(layers?: LayerName[]): void;
  tileUrl?: string;
  /** The chosen base map (settings, run time); wins over tileUrl. GCJ-02 ones switch the map's CRS. */
  baseMap?: ResolvedBaseMap | null;
  /** Opacity of the drawn layers (grids, units, gaps) over the base map, 0–1. */
  dataOpacity?: number;
  /** Tiles of the base map fail to load (a missing or rejected 天地图 key, no network). */
  onBaseMapError?(error: { id: string; failed: number; loaded: number } | null): void;
  /** Panels and tools over the map; they get the map through MapContext. */
  children?: ReactNode;
  /** Layers being fetched: the map is not reported drawn before they are in. */
  pendingData?: boolean;
  /** The area whose villages, grids, gaps and overlaps the map wants as GeoJSON (null: none, tiles only). */
  onDetailArea?(bbox: Bbox | null): void;
  /** The features on the map changed (GeoJSON built, tiles loaded): counts per layer. */
  onCounts?(counts: Partial<Record<LayerName, number>>): void;
  /** The last committed change (the change feed): the tiles of the units it touched are fetched again. */
  change?: DataChange | null;
}

/**
 * The coverage map: plain Leaflet on one canvas renderer (preferCanvas), every
 * layer a GeoJSON layer built once per data set. Drawing tools (issue 6) plug in
 * as children through MapContext without touching this component.
 */
export function CoverageMap(props: CoverageMapProps) {
  const {
    layers,
    visible,
    labels,
    initialView,
    selected,
    onSelect,
    onViewChange,
    onDrawn,
    tileUrl,
    baseMap,
    children,
  } = props;
  const gcj = Boolean(baseMap?.gcj02);
  const lastView = useRef<{ center: [number, number]; zoom: number } | null>(initialView);
  const translate = useTranslate();
  const div = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  /** Zoomed out below UNITS_MIN_ZOOM: units not drawn, counties (or townships) filled by their share. */
  const [overview, setOverview] = useState(false);
  /** Which of the counties/townships GeoJSON layers are filled now (and for which data). */
  const filledOutlines = useRef(new Map<LayerName, { data: unknown; filled: boolean }>());
  const built = useRef(new Map<LayerName, { data: unknown; layer: L.GeoJSON; outline?: L.FeatureGroup }>());
  const labelGroup = useRef<L.LayerGroup | null>(null);
  const selectedPath = useRef<{ layer: LayerName; path: L.Path } | null>(null);
  const callbacks = useRef({
    onSelect,
    onViewChange,
    onDrawn,
    translate,
    reload: props.reload,
    onBaseMapError: props.onBaseMapError,
    onCounts: props.onCounts,
  });
  callbacks.current = {
    onSelect,
    onViewChange,
    onDrawn,
    translate,
    reload: props.reload,
    onBaseMapError: props.onBaseMapError,
    onCounts: props.onCounts,
  };
  const fitted = useRef(initialView !== null);
  const drawnReported = useRef(false);
  const dataProvider = useDataProvider() as unknown as MapMethods;
  const tileLayers = useRef(new Map<TileLayerName, VectorTileLayer>());
  const [tilesReady, setTilesReady] = useState(false);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const detailArea = useRef<L.LatLngBounds | null>(null);
  const detailCallback = useRef(props.onDetailArea);
  detailCallback.current = props.onDetailArea;

  // The map itself, once.
  useEffect(() => {
    const renderer = new HatchCanvas({ padding: 0.3, tolerance: 2 });
    const map = L.map(div.current!, {
      preferCanvas: true,
      renderer,
      zoomSnap: 0.25,
      minZoom: 6,
      maxZoom: 19,
      // GCJ-02 tiles: WGS 84 grids are shifted for display, clicks come back as WGS 84 (basemaps/gcj.ts).
      crs: gcj ? CRS_GCJ02 : L.CRS.EPSG3857,
      attributionControl: true,
      zoomControl: false,
    });
    map.attributionControl.setPrefix(false);
    L.control
      .zoom({ zoomInTitle: translate('wz.tools.zoom_in'), zoomOutTitle: translate('wz.tools.zoom_out') })
      .addTo(map);
    const start = lastView.current;
    if (start) map.setView(start.center, start.zoom);
    else map.setView([37.6, 106.2], 8);
    if (tileUrl && baseMap === undefined) L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© map tiles' }).addTo(map);
    // The vector tiles: above the base map, below the GeoJSON canvas; the map finds their features itself.
    const tilePane = map.createPane('wzTiles');
    tilePane.style.zIndex = '390';
    tilePane.style.pointerEvents = 'none';
    labelGroup.current = L.layerGroup().addTo(map);
    const tooltip = L.tooltip({ sticky: true, direction: 'top', offset: [0, -6], className: 'wz-tooltip' });
    (map as any)._wzTooltip = tooltip;
    const zoomed = () => setOverview(!unitsShownAt(map.getZoom()));
    zoomed();
    map.on('zoomend moveend', zoomed);
    map.on('moveend', () => {
      const c = map.getCenter();
      lastView.current = { center: [c.lat, c.lng], zoom: map.getZoom() };
      callbacks.current.onViewChange([c.lat, c.lng], map.getZoom());
    });
    map.on('click', (e: L.LeafletMouseEvent) => {
      // A click on no GeoJSON shape: a feature of the tiles, or nothing (clears the selection).
      if ((e.originalEvent as any)._wzHandled) return;
      const hit = tileHit(e.latlng);
      if (hit)
        callbacks.current.onSelect(
          { layer: hit.layer, id: hit.id, feature: hit.feature, latlng: [e.latlng.lng, e.latlng.lat] },
          e,
        );
      else callbacks.current.onSelect(null, e);
    });
    // Hover over the tiles: the tooltip and a thicker outline of the feature under the pointer.
    let hovered: { layer: TileLayerName; id: string } | null = null;
    const unhover = () => {
      if (!hovered) return;
      const sel = selectedRef.current;
      const t = tileLayers.current.get(hovered.layer);
      if (sel?.layer === hovered.layer && sel.id === hovered.id)
        t?.styleFeature(hovered.id, { ...t.baseStyle(hovered.id), ...SELECTED_STYLE });
      else t?.styleFeature(hovered.id, null);
      hovered = null;
      map.closeTooltip(tooltip);
      map.getContainer().style.cursor = '';
    };
    map.on('mousemove', (e: L.LeafletMouseEvent) => {
      if ((e.originalEvent as any)._wzOnShape) {
        unhover();
        return;
      }
      const hit = tileHit(e.latlng);
      if (!hit) {
        unhover();
        return;
      }
      if (hovered?.layer !== hit.layer || hovered.id !== hit.id) {
        unhover();
        hovered = { layer: hit.layer, id: hit.id };
        const sel = selectedRef.current;
        if (!(sel?.layer === hit.layer && sel.id === hit.id)) {
          const t = tileLayers.current.get(hit.layer)!;
          const base = t.baseStyle(hit.id);
          t.styleFeature(hit.id, { ...base, weight: ((base.weight as number) ?? 1) + 2 });
        }
        tooltip.setContent(featureTooltip(hit.layer, hit.feature, callbacks.current.translate));
        tooltip.setLatLng(e.latlng);
        map.openTooltip(tooltip);
        map.getContainer().style.cursor = 'pointer';
        (window as any).__wzHover = { layer: hit.layer, id: hit.id, at: performance.now() };
      }
      tooltip.setLatLng(e.latlng);
    });
    map.on('mouseout', unhover);
    const index = new Map<LayerName, Map<string, L.Path>>();
    const h: MapHandle = {
      map,
      index,
      focus(layer, id, options = {}) {
        const path = index.get(layer)?.get(String(id));
        if (!path) {
          // Not loaded as GeoJSON: find it in the tiles in view.
          const t = isTileLayer(layer) ? tileLayers.current.get(layer) : undefined;
          const b = t?.boundsOf(String(id));
          if (!b) return false;
          map.flyToBounds(b, { maxZoom: layer === 'grids' ? 16 : 14, duration: 0.6, padding: [40, 40] });
          if (options.select !== false)
            callbacks.current.onSelect({ layer, id: String(id), feature: t!.featureById(String(id)) ?? undefined });
          return true;
        }
        const b = (path as L.Polygon).getBounds();
        map.flyToBounds(b, { maxZoom: layer === 'grids' ? 16 : 14, duration: 0.6, padding: [40, 40] });
        if (options.select !== false)
          callbacks.current.onSelect({ layer, id: String(id), feature: (path as any).feature });
        return true;
      },
      reload(ls) {
        callbacks.current.reload?.(ls);
      },
      counts() {
        const out: Partial<Record<LayerName, number>> = {};
        for (const name of DRAW_ORDER) {
          const ids = new Set(index.get(name)?.keys() ?? []);
          const t = isTileLayer(name) ? tileLayers.current.get(name) : undefined;
          if (t && map.hasLayer(t)) for (const id of t.featureIds()) ids.add(id);
          out[name] = ids.size;
        }
        return out;
      },
    };
    setHandle(h);
    (window as any).__wzMap = h;
    // The maps the cleanup empties are the ones this effect filled (refs to plain Maps, not to nodes).
    const builtNow = built.current;
    const tilesNow = tileLayers.current;
    return () => {
      map.remove();
      builtNow.clear();
      tilesNow.clear();
      setTilesReady(false);
      setHandle(null);
      delete (window as any).__wzMap;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileUrl]);

  // The base map's tile layers (base and labels), swapped without rebuilding the map.
  useEffect(() => {
    if (!handle || !baseMap) {
      callbacks.current.onBaseMapError?.(null);
      return;
    }
    const tiles = baseMap.layers.map((l, i) =>
      L.tileLayer(l.url, {
        subdomains: l.subdomains,
        maxZoom: 19,
        maxNativeZoom: baseMap.maxZoom,
        attribution: i === 0 ? baseMap.attribution : undefined,
        zIndex: i,
        className: `wz-basemap wz-basemap-${i}`,
      } as L.TileLayerOptions),
    );
    let failed = 0;
    let loaded = 0;
    const report = () => {
      // Only when nothing loads: one missing tile at the edge of the world is no problem.
      if (failed >= 2 && loaded === 0) callbacks.current.onBaseMapError?.({ id: baseMap.id, failed, loaded });
    };
    for (const t of tiles) {
      t.on('tileerror', () => {
        failed++;
        report();
      });
      t.on('tileload', () => {
        loaded++;
        if (loaded === 1) callbacks.current.onBaseMapError?.(null);
      });
      t.addTo(handle.map);
    }
    callbacks.current.onBaseMapError?.(null);
    (window as any).__wzBaseMap = { id: baseMap.id, gcj02: baseMap.gcj02, urls: baseMap.layers.map((l) => l.url) };
    return () => {
      for (const t of tiles) t.remove();
      delete (window as any).__wzBaseMap;
    };
  }, [handle, baseMap]);

  // The drawn layers' opacity over the base map (one canvas holds them all).
  useEffect(() => {
    if (!handle) return;
    handle.map.getPanes().overlayPane.style.opacity = String(props.dataOpacity ?? 1);
    const tiles = handle.map.getPane('wzTiles');
    if (tiles) tiles.style.opacity = String(props.dataOpacity ?? 1);
  }, [handle, props.dataOpacity]);

  // The topmost feature of a visible tile layer at a point (gaps and overlaps above grids above villages).
  function tileHit(latlng: L.LatLng): { layer: TileLayerName; id: string; feature: MapFeature } | null {
    for (const name of [...DRAW_ORDER].reverse()) {
      if (!isTileLayer(name) || !visibleRef.current.includes(name)) continue;
      const t = tileLayers.current.get(name);
      const hit = t && t.getContainer() ? t.featureAt(latlng) : null;
      if (hit) return { layer: name, id: hit.id, feature: hit.feature };
    }
    return null;
  }

  // The vector-tile layers, once per map (their URLs carry the data version of the TileJSON).
  useEffect(() => {
    if (!handle) return;
    let cancelled = false;
    // The counties' TileJSON: the data version for the tile URLs and the province's extent, so the
    // view is fitted before the first tile is asked for (tiles of the default view would be wasted).
    dataProvider
      .mapTileInfo('counties')
      .catch(() => ({ dataVersion: 0, minzoom: 0, maxzoom: 22, bounds: null }))
      .then((info) => {
        if (cancelled) return;
        const [w, s, e, n] = info.bounds ?? [];
        const province = info.bounds ? L.latLngBounds([s!, w!], [n!, e!]) : null;
        if (!fitted.current && province) {
          fitWhole(handle.map, province);
          fitted.current = true;
        }
        TILE_LAYERS.forEach((name) => {
          const style = layerOptions(name).style as (f?: any) => L.PathOptions;
          const layer = vectorTileLayer({
            layer: name,
            version: info.dataVersion,
            fetchTile: (l, z, x, y, v) => dataProvider.mapTile(l, z, x, y, v),
            style: (properties) => style({ properties }),
            // Below UNITS_MIN_ZOOM no unit tile is asked for: the counties carry the overview.
            minZoom: name === 'grids' ? GRID_TILES_MIN_ZOOM : UNITS_MIN_ZOOM,
            // Tiles are of the rounded zoom: from DETAIL_ZOOM - 0.5 on the GeoJSON takes over.
            maxZoom: DETAIL_ZOOM - 1,
            pane: 'wzTiles',
            // Units, grids and gaps lie in the counties: tiles beyond them (with a margin) are empty.
            bounds: province?.pad(0.1),
          });
          layer.on('load', () => callbacks.current.onCounts?.(handle.counts!()));
          layer.setZIndex(DRAW_ORDER.indexOf(name));
          tileLayers.current.set(name, layer);
        });
        // The browser tests read the tiles' features here (as __wzMap for the GeoJSON layers).
        (window as any).__wzTiles = tileLayers.current;
        setTilesReady(true);
      });
    const tilesNow = tileLayers.current;
    return () => {
      cancelled = true;
      for (const t of tilesNow.values()) t.remove();
      tilesNow.clear();
      setTilesReady(false);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle]);

  // Visible tile layers on the map (what is drawn as GeoJSON is hidden in them where the GeoJSON is built).
  const visibleKey = visible.join(',');
  useEffect(() => {
    const shown = visibleKey.split(',');
    if (!handle || !tilesReady) return;
    for (const [name, t] of tileLayers.current) {
      if (shown.includes(name)) {
        if (!handle.map.hasLayer(t)) t.addTo(handle.map);
      } else t.remove();
    }
  }, [handle, tilesReady, visibleKey, layers]);

  // Which area the map wants as GeoJSON: the view from DETAIL_ZOOM on, else the selected unit and its neighbours.
  useEffect(() => {
    if (!handle || !tilesReady) return;
    const map = handle.map;
    const update = () => {
      const sel = selectedRef.current;
      let want: L.LatLngBounds | null = null;
      if (Math.round(map.getZoom()) >= DETAIL_ZOOM) want = map.getBounds().pad(0.25);
      else if (sel && isTileLayer(sel.layer)) {
        const t = tileLayers.current.get(sel.layer);
        const path = handle.index.get(sel.layer)?.get(sel.id) as L.Polygon | undefined;
        const b = path?.getBounds() ?? t?.boundsOf(sel.id) ?? null;
        // The unit with its neighbours: its bounds, half again on every side.
        if (b) want = b.pad(0.5);
      }
      const have = detailArea.current;
      if (!want) {
        if (have) {
          detailArea.current = null;
          detailCallback.current?.(null);
        }
        return;
      }
      if (have && have.contains(want)) return;
      detailArea.current = want;
      detailCallback.current?.(toBbox(want));
    };
    map.on('moveend', update);
    update();
    return () => {
      map.off('moveend', update);
    };
  }, [handle, tilesReady, selected?.layer, selected?.id]);

  // Another user's (or our own) committed change: fetch again the tiles that hold the touched units.
  useEffect(() => {
    const c = props.change;
    if (!c || !tilesReady) return;
    if (c.allUnits) {
      for (const t of tileLayers.current.values()) t.refresh(c.version, null);
      return;
    }
    const ids = new Set<string>([
      ...c.villageIds.map(String),
      ...c.records.filter((r) => r.id !== null).map((r) => String(r.id)),
    ]);
    const keys = new Set<string>();
    for (const t of tileLayers.current.values()) for (const k of t.tilesWith(ids)) keys.add(k);
    for (const t of tileLayers.current.values()) t.refresh(c.version, [...keys]);
  }, [props.change, tilesReady]);

  // Build the GeoJSON layers when their data arrives, and stack the visible ones in order.
  useEffect(() => {
    if (!handle) return;
    const { map, index } = handle;
    const tooltip = (map as any)._wzTooltip as L.Tooltip;
    for (const name of DRAW_ORDER) {
      const loaded = layers[name];
      const have = built.current.get(name);
      if (have && have.data === loaded?.data) continue;
      if (have) {
        have.layer.remove();
        have.outline?.remove();
        built.current.delete(name);
        index.delete(name);
      }
      if (!loaded?.data) continue;
      const ids = new Map<string, L.Path>();
      const layer = L.geoJSON(loaded.data as any, {
        ...layerOptions(name),
        // Not geoman's: the drawing tools snap to guides of their own (see map/draw/guides.ts).
        pmIgnore: true,
        snapIgnore: true,
        onEachFeature: (feature, path) => {
          if (feature.id !== undefined && feature.id !== null) ids.set(String(feature.id), path as L.Path);
        },
      });
      const underTiles = OUTLINE_LAYERS.includes(name);
      layer.on('click', (e: L.LeafletMouseEvent) => {
        // A county or township is under the tiles' villages and grids: those win where they are.
        if (underTiles && tileHit(e.latlng)) return;
        (e.originalEvent as any)._wzHandled = true;
        const feature = (e.layer as any).feature as MapFeature;
        callbacks.current.onSelect(
          {
            layer: name,
            id: String(feature.id ?? feature.properties?.id ?? ''),
            feature,
            latlng: [e.latlng.lng, e.latlng.lat],
          },
          e,
        );
      });
      layer.on('mouseover', (e: L.LeafletMouseEvent) => {
        if (!underTiles) (e.originalEvent as any)._wzOnShape = true;
        if (underTiles && tileHit(e.latlng)) return;
        const feature = (e.layer as any).feature as MapFeature;
        tooltip.setContent(featureTooltip(name, feature, callbacks.current.translate)).setLatLng(e.latlng);
        map.openTooltip(tooltip);
        const path = e.layer as L.Path;
        if (selectedPath.current?.path !== path) path.setStyle({ weight: ((path.options.weight as number) ?? 1) + 2 });
      });
      layer.on('mousemove', (e: L.LeafletMouseEvent) => {
        if (underTiles) return; // the map's tile hover decides
        (e.originalEvent as any)._wzOnShape = true;
        tooltip.setLatLng(e.latlng);
      });
      layer.on('mouseout', (e: L.LeafletMouseEvent) => {
        map.closeTooltip(tooltip);
        const path = e.layer as L.Path;
        if (selectedPath.current?.path !== path) layer.resetStyle(path);
      });
      index.set(name, ids);
      // The boundaries again on top, from the layer's own rings (not converted from the GeoJSON twice).
      const outlineStyle = { ...(layerOptions(name).style as any)(), fill: false, interactive: false };
      const outline = OUTLINE_LAYERS.includes(name)
        ? L.featureGroup(
            layer
              .getLayers()
              .filter((p): p is L.Polygon => p instanceof L.Polygon)
              .map((p) =>
                L.polygon(p.getLatLngs() as L.LatLng[][], { ...outlineStyle, pmIgnore: true, snapIgnore: true }),
              ),
          )
        : undefined;
      built.current.set(name, { data: loaded.data, layer, outline });
    }
    // Re-stack: remove all, add the visible ones bottom to top, then the outlines.
    for (const { layer, outline } of built.current.values()) {
      layer.remove();
      outline?.remove();
    }
    for (const name of DRAW_ORDER) {
      const b = built.current.get(name);
      if (b && visible.includes(name)) b.layer.addTo(map);
    }
    for (const name of DRAW_ORDER) {
      const b = built.current.get(name);
      if (b?.outline && visible.includes(name)) b.outline.addTo(map);
    }
    // The first time the counties (or anything) arrive without a view in the URL, fit them.
    if (!fitted.current) {
      const first = built.current.get('counties') ?? built.current.get('villages') ?? built.current.get('grids');
      if (first && first.layer.getLayers().length) {
        fitWhole(map, first.layer.getBounds());
        fitted.current = true;
      }
    }
    updateLabels();
    // What is drawn as GeoJSON now is left out of the tiles (after the index is rebuilt above).
    for (const [name, t] of tileLayers.current) t.setHidden(new Set(index.get(name)?.keys() ?? []));
    callbacks.current.onCounts?.(handle.counts!());
    // A detail area asked for and not in yet (its layers still say `tiles`) is pending too.
    const detailPending =
      detailArea.current !== null && DRAW_ORDER.some((n) => isTileLayer(n) && layers[n]?.source === 'tiles');
    const pending =
      DRAW_ORDER.some((n) => layers[n] === undefined) || props.pendingData || !tilesReady || detailPending;
    if (!pending && !drawnReported.current) {
      drawnReported.current = true;
      // The tiles in view drawn too; canvas draws on the next animation frame: report after it.
      const shown = [...tileLayers.current.values()].filter((t) => map.hasLayer(t));
      void Promise.all(shown.map((t) => t.whenLoaded())).then(() =>
        requestAnimationFrame(() => requestAnimationFrame(() => callbacks.current.onDrawn?.(handle))),
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle, layers, visible.join(','), props.pendingData, tilesReady]);

  // The overview: counties filled by their covered share (townships instead, when they are shown), so a
  // province's coverage reads at a glance without drawing its units; above it, outlines only, as before.
  useEffect(() => {
    if (!handle) return;
    const fillTownships = overview && visible.includes('townships');
    for (const name of ['counties', 'townships'] as const) {
      const b = built.current.get(name);
      if (!b) continue;
      const filled = overview && (name === 'townships' ? fillTownships : !fillTownships);
      const was = filledOutlines.current.get(name);
      if (was && was.data === b.data && was.filled === filled) continue;
      filledOutlines.current.set(name, { data: b.data, filled });
      const style = (filled ? overviewStyle(name) : layerOptions(name).style) as L.StyleFunction;
      // resetStyle (after a hover) goes back to options.style: the style of the zoom.
      b.layer.options.style = style;
      b.layer.setStyle(style);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle, overview, layers, visible.join(',')]);

  // Grid labels at high zoom, only for what is in view.
  function updateLabels() {
    const group = labelGroup.current;
    if (!handle || !group) return;
    group.clearLayers();
    const map = handle.map;
    const grids = built.current.get('grids');
    if (!labels || !grids || !visible.includes('grids') || map.getZoom() < LABEL_MIN_ZOOM) return;
    const view = map.getBounds();
    let n = 0;
    for (const path of handle.index.get('grids')?.values() ?? []) {
      const b = (path as L.Polygon).getBounds();
      if (!view.intersects(b)) continue;
      const f = (path as any).feature as MapFeature;
      L.marker(b.getCenter(), {
        interactive: false,
        pmIgnore: true,
        snapIgnore: true,
        keyboard: false,
        icon: L.divIcon({
          className: 'wz-grid-label',
          html: `<span>${escapeHtml(String(f.properties?.name ?? ''))}</span>`,
          iconSize: undefined,
        }),
      }).addTo(group);
      if (++n >= MAX_LABELS) break;
    }
  }
  useEffect(() => {
    if (!handle) return;
    handle.map.on('zoomend moveend', updateLabels);
    updateLabels();
    return () => {
      handle.map.off('zoomend moveend', updateLabels);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle, labels, visible.join(','), layers]);

  // Highlight the selection: a separate outline that takes no clicks. The selected shape keeps its
  // place in the stack, so the gaps and grids drawn above a selected village stay clickable.
  useEffect(() => {
    if (!handle) return;
    selectedPath.current = null;
    if (!selected) return;
    const path = handle.index.get(selected.layer)?.get(String(selected.id));
    if (!path) {
      // Only in the tiles (until its unit's GeoJSON arrives): outlined there, in place, in every tile.
      const t = isTileLayer(selected.layer) ? tileLayers.current.get(selected.layer) : undefined;
      if (!t) return;
      const id = String(selected.id);
      t.styleFeature(id, { ...t.baseStyle(id), ...SELECTED_STYLE });
      (window as any).__wzSelectedOutline = 'tiles';
      return () => {
        t.styleFeature(id, null);
        delete (window as any).__wzSelectedOutline;
      };
    }
    selectedPath.current = { layer: selected.layer, path };
    const outline = L.geoJSON((path as any).feature, {
      interactive: false,
      pmIgnore: true,
      snapIgnore: true,
      style: () => ({ color: '#000', weight: 4, fill: false, opacity: 0.9 }),
    } as any).addTo(handle.map);
    (window as any).__wzSelectedOutline = true;
    return () => {
      outline.remove();
      delete (window as any).__wzSelectedOutline;
    };
  }, [handle, selected, layers, tilesReady]);

  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0, height: '100%' }}>
      <div ref={div} data-testid="coverage-map" style={{ position: 'absolute', inset: 0, background: '#f4f1ea' }} />
      {handle && overview && visible.includes('villages') ? (
        <button
          type="button"
          className="wz-units-hint"
          data-testid="units-zoom-hint"
          onClick={() => handle.map.setZoom(UNITS_MIN_ZOOM)}
        >
          {translate('wz.map.units_hint')}
        </button>
      ) : null}
      {handle ? <MapContext.Provider value={handle}>{children}</MapContext.Provider> : null}
    </div>
  );
}
