import L from 'leaflet';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { MapContext, type MapHandle, type Selection } from './MapContext';
import type { LayerName, LoadedLayer, MapFeature } from './mapData';
import { featureTooltip, layerOptions, OUTLINE_LAYERS } from './layers';
import { HatchCanvas } from './style';
import { escapeHtml } from './html';
import { CRS_GCJ02 } from './basemaps/gcj';
import type { ResolvedBaseMap } from './basemaps/basemaps';

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
}

/**
 * The coverage map: plain Leaflet on one canvas renderer (preferCanvas), every
 * layer a GeoJSON layer built once per data set. Drawing tools (issue 6) plug in
 * as children through MapContext without touching this component.
 */
export function CoverageMap(props: CoverageMapProps) {
  const { layers, visible, labels, initialView, selected, onSelect, onViewChange, onDrawn, tileUrl, baseMap, children } = props;
  const gcj = Boolean(baseMap?.gcj02);
  const lastView = useRef<{ center: [number, number]; zoom: number } | null>(initialView);
  const translate = useTranslate();
  const div = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const built = useRef(new Map<LayerName, { data: unknown; layer: L.GeoJSON; outline?: L.GeoJSON }>());
  const labelGroup = useRef<L.LayerGroup | null>(null);
  const selectedPath = useRef<{ layer: LayerName; path: L.Path } | null>(null);
  const callbacks = useRef({ onSelect, onViewChange, onDrawn, translate, reload: props.reload, onBaseMapError: props.onBaseMapError });
  callbacks.current = { onSelect, onViewChange, onDrawn, translate, reload: props.reload, onBaseMapError: props.onBaseMapError };
  const fitted = useRef(initialView !== null);
  const drawnReported = useRef(false);

  // The map itself, once.
  useEffect(() => {
    const builtLayers = built.current;
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
    L.control.zoom({ zoomInTitle: translate('wz.tools.zoom_in'), zoomOutTitle: translate('wz.tools.zoom_out') }).addTo(map);
    const start = lastView.current;
    if (start) map.setView(start.center, start.zoom);
    else map.setView([37.6, 106.2], 8);
    if (tileUrl && baseMap === undefined) L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© map tiles' }).addTo(map);
    labelGroup.current = L.layerGroup().addTo(map);
    const tooltip = L.tooltip({ sticky: true, direction: 'top', offset: [0, -6], className: 'wz-tooltip' });
    (map as any)._wzTooltip = tooltip;
    map.on('moveend', () => {
      const c = map.getCenter();
      lastView.current = { center: [c.lat, c.lng], zoom: map.getZoom() };
      callbacks.current.onViewChange([c.lat, c.lng], map.getZoom());
    });
    map.on('click', (e: L.LeafletMouseEvent) => {
      // A click on no shape clears the selection (shapes stop propagation).
      if (!(e.originalEvent as any)._wzHandled) callbacks.current.onSelect(null, e);
    });
    const index = new Map<LayerName, Map<string, L.Path>>();
    const h: MapHandle = {
      map,
      index,
      focus(layer, id, options = {}) {
        const path = index.get(layer)?.get(String(id));
        if (!path) return false;
        const b = (path as L.Polygon).getBounds();
        map.flyToBounds(b, { maxZoom: layer === 'grids' ? 16 : 14, duration: 0.6, padding: [40, 40] });
        if (options.select !== false) callbacks.current.onSelect({ layer, id: String(id), feature: (path as any).feature });
        return true;
      },
      reload(ls) {
        callbacks.current.reload?.(ls);
      },
    };
    setHandle(h);
    (window as any).__wzMap = h;
    return () => {
      map.remove();
      builtLayers.clear();
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
        subdomains: l.subdomains, maxZoom: 19, maxNativeZoom: baseMap.maxZoom, attribution: i === 0 ? baseMap.attribution : undefined,
        zIndex: i, className: `wz-basemap wz-basemap-${i}`,
      } as L.TileLayerOptions),
    );
    let failed = 0;
    let loaded = 0;
    const report = () => {
      // Only when nothing loads: one missing tile at the edge of the world is no problem.
      if (failed >= 2 && loaded === 0) callbacks.current.onBaseMapError?.({ id: baseMap.id, failed, loaded });
    };
    for (const t of tiles) {
      t.on('tileerror', () => { failed++; report(); });
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
    if (handle) handle.map.getPanes().overlayPane.style.opacity = String(props.dataOpacity ?? 1);
  }, [handle, props.dataOpacity]);

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
      layer.on('click', (e: L.LeafletMouseEvent) => {
        (e.originalEvent as any)._wzHandled = true;
        const feature = (e.layer as any).feature as MapFeature;
        callbacks.current.onSelect({ layer: name, id: String(feature.id ?? feature.properties?.id ?? ''), feature, latlng: [e.latlng.lng, e.latlng.lat] }, e);
      });
      layer.on('mouseover', (e: L.LeafletMouseEvent) => {
        const feature = (e.layer as any).feature as MapFeature;
        tooltip.setContent(featureTooltip(name, feature, callbacks.current.translate)).setLatLng(e.latlng);
        map.openTooltip(tooltip);
        const path = e.layer as L.Path;
        if (selectedPath.current?.path !== path) path.setStyle({ weight: ((path.options.weight as number) ?? 1) + 2 });
      });
      layer.on('mousemove', (e: L.LeafletMouseEvent) => tooltip.setLatLng(e.latlng));
      layer.on('mouseout', (e: L.LeafletMouseEvent) => {
        map.closeTooltip(tooltip);
        const path = e.layer as L.Path;
        if (selectedPath.current?.path !== path) layer.resetStyle(path);
      });
      index.set(name, ids);
      const outline = OUTLINE_LAYERS.includes(name)
        ? L.geoJSON(loaded.data as any, { ...layerOptions(name), interactive: false, pmIgnore: true, snapIgnore: true, style: () => ({ ...(layerOptions(name).style as any)(), fill: false }) })
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
        // A phone has no room beside the map: fit the whole width.
        const narrow = map.getSize().x <= 600;
        map.fitBounds(first.layer.getBounds(), { paddingTopLeft: narrow ? [8, 60] : [20, 70], paddingBottomRight: narrow ? [8, 8] : [270, 20], animate: false });
        fitted.current = true;
      }
    }
    updateLabels();
    const pending = DRAW_ORDER.some((n) => layers[n] === undefined);
    if (!pending && !drawnReported.current) {
      drawnReported.current = true;
      // Canvas draws on the next animation frame; report after it.
      requestAnimationFrame(() => requestAnimationFrame(() => callbacks.current.onDrawn?.(handle)));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [handle, layers, visible.join(',')]);

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
        icon: L.divIcon({ className: 'wz-grid-label', html: `<span>${escapeHtml(String(f.properties?.name ?? ''))}</span>`, iconSize: undefined }),
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
    if (!path) return;
    selectedPath.current = { layer: selected.layer, path };
    const outline = L.geoJSON((path as any).feature, {
      interactive: false, pmIgnore: true, snapIgnore: true,
      style: () => ({ color: '#000', weight: 4, fill: false, opacity: 0.9 }),
    } as any).addTo(handle.map);
    (window as any).__wzSelectedOutline = true;
    return () => {
      outline.remove();
      delete (window as any).__wzSelectedOutline;
    };
  }, [handle, selected, layers]);

  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0, height: '100%' }}>
      <div ref={div} data-testid="coverage-map" style={{ position: 'absolute', inset: 0, background: '#f4f1ea' }} />
      {handle ? <MapContext.Provider value={handle}>{children}</MapContext.Provider> : null}
    </div>
  );
}
