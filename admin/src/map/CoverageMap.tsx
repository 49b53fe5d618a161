import L from 'leaflet';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { MapContext, type MapHandle, type Selection } from './MapContext';
import type { LayerName, LoadedLayer, MapFeature } from './mapData';
import { featureTooltip, layerOptions, OUTLINE_LAYERS } from './layers';
import { HatchCanvas } from './style';
import { escapeHtml } from './html';

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
  /** Panels and tools over the map; they get the map through MapContext. */
  children?: ReactNode;
}

/**
 * The coverage map: plain Leaflet on one canvas renderer (preferCanvas), every
 * layer a GeoJSON layer built once per data set. Drawing tools (issue 6) plug in
 * as children through MapContext without touching this component.
 */
export function CoverageMap(props: CoverageMapProps) {
  const { layers, visible, labels, initialView, selected, onSelect, onViewChange, onDrawn, tileUrl, children } = props;
  const translate = useTranslate();
  const div = useRef<HTMLDivElement>(null);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const built = useRef(new Map<LayerName, { data: unknown; layer: L.GeoJSON; outline?: L.GeoJSON }>());
  const labelGroup = useRef<L.LayerGroup | null>(null);
  const selectedPath = useRef<{ layer: LayerName; path: L.Path } | null>(null);
  const callbacks = useRef({ onSelect, onViewChange, onDrawn, translate, reload: props.reload });
  callbacks.current = { onSelect, onViewChange, onDrawn, translate, reload: props.reload };
  const fitted = useRef(initialView !== null);
  const drawnReported = useRef(false);

  // The map itself, once.
  useEffect(() => {
    const renderer = new HatchCanvas({ padding: 0.3, tolerance: 2 });
    const map = L.map(div.current!, {
      preferCanvas: true,
      renderer,
      zoomSnap: 0.25,
      minZoom: 6,
      maxZoom: 19,
      attributionControl: Boolean(tileUrl),
    });
    if (initialView) map.setView(initialView.center, initialView.zoom);
    else map.setView([37.6, 106.2], 8);
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: '© map tiles' }).addTo(map);
    labelGroup.current = L.layerGroup().addTo(map);
    const tooltip = L.tooltip({ sticky: true, direction: 'top', offset: [0, -6], className: 'wz-tooltip' });
    (map as any)._wzTooltip = tooltip;
    map.on('moveend', () => {
      const c = map.getCenter();
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
      built.current.clear();
      setHandle(null);
      delete (window as any).__wzMap;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [tileUrl]);

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
        map.fitBounds(first.layer.getBounds(), { paddingTopLeft: [20, 70], paddingBottomRight: [270, 20], animate: false });
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

  // Highlight the selection.
  useEffect(() => {
    if (!handle) return;
    const prev = selectedPath.current;
    if (prev) {
      built.current.get(prev.layer)?.layer.resetStyle(prev.path);
      selectedPath.current = null;
    }
    if (!selected) return;
    const path = handle.index.get(selected.layer)?.get(String(selected.id));
    if (path) {
      path.setStyle({ color: '#000', weight: 4 });
      path.bringToFront();
      selectedPath.current = { layer: selected.layer, path };
    }
  }, [handle, selected, layers]);

  return (
    <div style={{ position: 'relative', flex: 1, minHeight: 0, height: '100%' }}>
      <div ref={div} data-testid="coverage-map" style={{ position: 'absolute', inset: 0, background: '#f4f1ea' }} />
      {handle ? <MapContext.Provider value={handle}>{children}</MapContext.Provider> : null}
    </div>
  );
}
