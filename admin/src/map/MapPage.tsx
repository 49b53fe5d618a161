import LayersIcon from '@mui/icons-material/Layers';
import { WorkOrderLayer } from '../work-orders/WorkOrderLayer';
import SettingsIcon from '@mui/icons-material/Settings';
import { Alert, Box, IconButton, LinearProgress, Paper, Typography } from '@mui/material';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Title, useCanAccess, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { BaseMapSwitcher } from './basemaps/BaseMapSwitcher';
import { useBaseMaps } from './basemaps/useBaseMaps';
import { MapTools } from './tools/MapTools';
import { isPhone } from './phone/phone';
import { isMeasuring } from './tools/measuring';
import { PhoneMapUi } from './phone/PhoneMapUi';
import { CoverageMap } from './CoverageMap';
import { DrawTools, SelectionActions, useDrawController } from './draw';
import { LayerSwitcher } from './LayerSwitcher';
import type { MapHandle, Selection } from './MapContext';
import { LAYER_NAMES, type LayerName } from './mapData';
import { MapSearch } from './MapSearch';
import { SIDE_PANEL_WIDTH, SidePanel } from './SidePanel';
import { parseView, writeView, type MapView } from './urlState';
import { useMapLayers } from './useMapLayers';

declare global {
  interface Window {
    /** Set when the map has drawn every layer: ms since navigation start, and feature counts (read by the browser tests). */
    __wzMapReady?: { ms: number; features: Record<string, number> };
  }
}

/**
 * The coverage map page: composes the map, the layer switcher, the search and the
 * side panel, and keeps the view in the URL. Issue 6's drawing mode is meant to
 * be one more child of <CoverageMap> (it gets the map from MapContext) plus a
 * mode in this page's state.
 */
export function MapPage() {
  const translate = useTranslate();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseView(params), [params]);
  const initialView = useRef(
    view.center && view.zoom !== null ? { center: view.center, zoom: view.zoom } : null,
  ).current;
  const wanted = useMemo(
    () => (view.selected ? [...view.layers, view.selected.layer] : view.layers),
    [view.layers, view.selected],
  );
  const { layers, reload, reloading, setDetailArea, change } = useMapLayers(wanted);
  const phone = isPhone();
  const [showLayers, setShowLayers] = useState(!phone);
  const base = useBaseMaps();
  const mapKey = base.current?.gcj02 ? 'gcj02' : 'wgs84';
  const mapView = useMemo(
    () => (view.center && view.zoom !== null ? { center: view.center, zoom: view.zoom } : initialView),
    // Only a new map (another projection) starts from the view; afterwards the map moves the view, not back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [mapKey],
  );
  const navigate = useNavigate();
  const { canAccess: isAdmin = false } = useCanAccess({ resource: 'users', action: 'list' });
  const draw = useDrawController();
  // Only those who may edit grids get the drawing tools (an analyst reads the map).
  const { canAccess: canDraw = false } = useCanAccess({ resource: 'grids', action: 'edit' });
  const selectRef = useRef<Selection | null>(null);

  const update = useCallback(
    (patch: Partial<MapView>) => {
      // Read the live URL: several updates can come before a render (select, then the fly's moveend).
      setParams(
        () => {
          const current = new URLSearchParams(window.location.search);
          return writeView({ ...parseView(current), ...patch }, current);
        },
        { replace: true },
      );
    },
    [setParams],
  );

  // The layer list gives way to the side panel (1440×900: both open left about half the map): a selection
  // closes it, the layers button opens it again.
  const selectedKey = view.selected ? `${view.selected.layer}:${view.selected.id}` : null;
  useEffect(() => {
    if (selectedKey) setShowLayers(false);
  }, [selectedKey]);

  const selection: Selection | null = useMemo(() => {
    if (!view.selected) return null;
    const clicked =
      selectRef.current?.layer === view.selected.layer && selectRef.current.id === view.selected.id
        ? selectRef.current
        : null;
    // From the GeoJSON loaded, else as the vector tile carried it (properties only).
    const feature =
      layers[view.selected.layer]?.data?.features.find((f) => String(f.id ?? f.properties?.id) === view.selected!.id) ??
      clicked?.feature;
    const latlng = clicked?.latlng;
    return { ...view.selected, feature, latlng };
  }, [view.selected, layers]);
  const select = useCallback(
    (s: Selection | null) => {
      selectRef.current = s;
      update({ selected: s ? { layer: s.layer, id: s.id } : null });
    },
    [update],
  );

  const onDrawn = useCallback(
    (h: MapHandle) => {
      const features: Record<string, number> = {};
      for (const [name, ids] of h.index) features[name] = ids.size;
      Object.assign(features, h.counts?.());
      window.__wzMapReady = { ms: Math.round(performance.now()), features };
      performance.mark('wz-map-drawn');
      // A link with a selection but no view (e.g. from a finding): bring the selection into view.
      const current = parseView(new URLSearchParams(window.location.search));
      if (current.selected && !initialView) h.focus(current.selected.layer, current.selected.id);
    },
    [initialView],
  );

  const loading = LAYER_NAMES.some((n) => layers[n] === undefined);
  const fallback = LAYER_NAMES.some((n) => layers[n]?.source === 'fallback');
  const errors = LAYER_NAMES.map((n) => layers[n]?.error).filter(Boolean);
  // What the map shows: loaded as GeoJSON or in the vector tiles loaded.
  const [counts, setCountsState] = useState<Partial<Record<LayerName, number>>>({});
  // Only a change re-renders the page (every tile layer reports when its tiles are in, mostly the same).
  const setCounts = useCallback(
    (next: Partial<Record<LayerName, number>>) =>
      setCountsState((prev) => (LAYER_NAMES.every((n) => prev[n] === next[n]) ? prev : next)),
    [],
  );
  const units = Math.max(counts.villages ?? 0, layers.villages?.data?.features.length ?? 0);
  const grids = Math.max(counts.grids ?? 0, layers.grids?.data?.features.length ?? 0);

  return (
    <Box
      sx={{
        height: phone ? 'calc(100dvh - 56px)' : 'calc(100vh - 64px)',
        display: 'flex',
        flexDirection: 'column',
        mt: -1,
      }}
      data-testid="map-page"
      className={phone ? 'wz-phone' : undefined}
    >
      <Title title={translate('wz.map.title')} />
      {loading || reloading ? <LinearProgress data-testid={loading ? undefined : 'map-reloading'} /> : null}
      {base.current?.problem === 'no_key' ? (
        <Alert severity="warning" sx={{ py: 0 }} data-testid="basemap-error">
          {translate('wz.basemap.no_key')}
        </Alert>
      ) : null}
      {base.error ? (
        <Alert severity="error" sx={{ py: 0 }} data-testid="basemap-error">
          {translate('wz.basemap.rejected', { name: base.error.name })}
        </Alert>
      ) : null}
      {fallback && !loading ? (
        <Alert severity="info" sx={{ py: 0 }}>
          {translate('wz.map.fallback')}
        </Alert>
      ) : null}
      {errors.length ? (
        <Alert severity="warning" sx={{ py: 0 }}>
          {translate('wz.map.load_error', { error: errors.join('; ') })}
        </Alert>
      ) : null}
      {base.ready ? (
        <CoverageMap
          // A GCJ-02 base map needs another CRS: the map is built anew (where it was) when that changes.
          key={mapKey}
          layers={layers}
          visible={view.layers}
          labels={view.labels}
          initialView={mapView}
          selected={selection}
          onSelect={(s, e) => {
            // While a drawing tool is on, clicks belong to it (and shift-click starts a merge).
            if (isMeasuring()) return; // the measuring tool has the clicks
            if (!draw.capture(s, e, selection)) select(s);
          }}
          onViewChange={(center, zoom) => update({ center, zoom })}
          onDrawn={onDrawn}
          reload={reload as (l?: LayerName[]) => void}
          pendingData={loading || reloading}
          onDetailArea={setDetailArea}
          change={change}
          onCounts={setCounts}
          baseMap={base.current}
          dataOpacity={base.opacity}
          onBaseMapError={(e) => base.setError(e ? { id: e.id } : null)}
        >
          <MapTools />
          {phone ? <PhoneMapUi layers={layers} /> : null}
          <Box sx={{ position: 'absolute', top: 10, left: 56, zIndex: 1000 }}>
            <MapSearch layers={layers} />
          </Box>
          <Box
            sx={{
              position: 'absolute',
              top: 10,
              right: selection && !draw.tool ? SIDE_PANEL_WIDTH + 20 : 10,
              zIndex: 1000,
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'flex-end',
              gap: 1,
            }}
          >
            <Paper elevation={3} sx={{ display: 'flex' }}>
              <IconButton size="small" onClick={() => setShowLayers((v) => !v)} aria-label={translate('wz.map.layers')}>
                <LayersIcon />
              </IconButton>
              {isAdmin ? (
                <IconButton
                  size="small"
                  onClick={() => navigate('/settings/map')}
                  aria-label={translate('wz.settings.menu')}
                  title={translate('wz.settings.menu')}
                >
                  <SettingsIcon />
                </IconButton>
              ) : null}
            </Paper>
            {showLayers && !draw.tool ? (
              <LayerSwitcher
                layers={layers}
                visible={view.layers}
                labels={view.labels}
                onChange={(visible, labels) => update({ layers: visible, labels })}
                top={<BaseMapSwitcher state={base} />}
              />
            ) : null}
          </Box>
          {selection && !draw.tool ? (
            <Box sx={{ position: 'absolute', top: 10, right: 10, bottom: 10, zIndex: 1000, display: 'flex' }}>
              <SidePanel
                selection={selection}
                onClose={() => update({ selected: null })}
                refreshKey={draw.refresh}
                actions={canDraw ? <SelectionActions ctl={draw} selection={selection} /> : null}
              />
            </Box>
          ) : null}
          {canDraw && !phone ? <DrawTools ctl={draw} select={select} /> : null}
          {!draw.tool ? <WorkOrderLayer /> : null}
          <Box sx={{ position: 'absolute', bottom: 6, left: 10, zIndex: 1000 }}>
            <Typography variant="caption" sx={{ bgcolor: '#fffc', px: 0.75, borderRadius: 1 }} data-testid="map-counts">
              {translate('wz.map.features', { units, grids })}
            </Typography>
          </Box>
        </CoverageMap>
      ) : (
        <Box sx={{ flex: 1 }} />
      )}
    </Box>
  );
}
