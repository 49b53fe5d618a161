import { DrawAssist } from '../tools/DrawAssist';
import { Alert, Box, Button, Stack, Typography } from '@mui/material';
import type { Geometry } from 'geojson';
import { useEffect, useRef, useState } from 'react';
import { useInput, useRecordContext, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { HatchCanvas } from '../style';
import { tileUrl } from '../tiles';
import type { UnitShape } from '../../data/gridEditing';
import { useWzDataProvider } from '../../data/useWzDataProvider';
import { L, pmOptions, setSnapDistance, SHAPE_STYLE, snapDistance } from './geoman';
import { findKinks, type Kink } from './geometry';
import { boundsOf, useGuides } from './guides';
import { KinksBox, SnapField, toGeometry, useKinkMarkers } from './shared';

const kinksValidator = (v: unknown) => {
  const n = isGeometry(v) ? findKinks(v).length : 0;
  return n ? { message: 'wz.draw.kinks', args: { smart_count: n } } : undefined;
};
const isGeometry = (v: unknown): v is Geometry =>
  Boolean(v && typeof v === 'object' && 'type' in (v as any) && 'coordinates' in (v as any));
const requiredValidator = (v: unknown) => (isGeometry(v) ? undefined : 'wz.draw.geometry_required');

/**
 * The grid form's boundary: a small map over the unit (villageId field) and its other grids,
 * with geoman — edit the vertices (snapping to the unit and the sibling grids), drag the shape,
 * or redraw it. Replaces the pasted-GeoJSON input. The value is a GeoJSON geometry.
 */
export function GeometryInput({
  source = 'geometry',
  required = false,
  height = 380,
}: {
  source?: string;
  required?: boolean;
  height?: number;
}) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const record = useRecordContext();
  const { field, fieldState } = useInput({
    source,
    validate: required ? [requiredValidator, kinksValidator] : [kinksValidator],
  });
  const villageId = useWatch({ name: 'villageId' }) as string | undefined;
  const div = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<L.Map | null>(null);
  const [unit, setUnit] = useState<UnitShape | null>(null);
  const [drawing, setDrawing] = useState(false);
  const [kinks, setKinks] = useState<Kink[]>(() => (isGeometry(field.value) ? findKinks(field.value) : []));
  const [snap, setSnap] = useState(snapDistance);
  const value = isGeometry(field.value) ? field.value : null;
  const onChange = useRef(field.onChange);
  onChange.current = field.onChange;

  useEffect(() => {
    const m = L.map(div.current!, {
      preferCanvas: true,
      renderer: new HatchCanvas(),
      attributionControl: false,
      scrollWheelZoom: true,
      maxZoom: 19,
    });
    const url = tileUrl();
    if (url) L.tileLayer(url, { maxZoom: 19 }).addTo(m);
    m.setView([37.98, 106.2], 9);
    setMap(m);
    (window as any).__wzGeometryMap = m; // for the browser tests
    return () => {
      delete (window as any).__wzGeometryMap;
      m.remove();
      setMap(null);
    };
  }, []);

  useEffect(() => {
    if (!villageId) {
      setUnit(null);
      return;
    }
    let live = true;
    dataProvider
      .fetchUnit(String(villageId))
      .then((u) => live && setUnit(u))
      .catch(() => live && setUnit(null));
    return () => {
      live = false;
    };
  }, [villageId, dataProvider]);

  useGuides(map ?? (null as any), map ? unit : null, record?.id !== undefined ? String(record.id) : undefined);
  useKinkMarkers(map ?? (null as any), map ? kinks : []);
  useEffect(() => {
    map?.pm.setGlobalOptions({ snappable: snap > 0, snapDistance: snap } as any);
  }, [map, snap]);

  // Fit the shape, else the unit.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map || fitted.current) return;
    const g = value ?? unit?.geometry;
    if (!g) return;
    map.fitBounds(boundsOf(g).pad(value ? 0.6 : 0.05), { animate: false });
    fitted.current = true;
  }, [map, value, unit]);

  // The editable shape.
  useEffect(() => {
    if (!map || !value || drawing) return;
    const group = L.geoJSON(value as any, { style: () => SHAPE_STYLE, pmIgnore: false } as any);
    const poly = group.getLayers()[0] as L.Polygon | undefined;
    if (!poly) return;
    poly.addTo(map);
    poly.pm.enable({ ...pmOptions(snap), draggable: true });
    const update = () => {
      const g = toGeometry(poly);
      setKinks(findKinks(g));
      onChange.current(g);
    };
    poly.on('pm:edit', update);
    return () => {
      poly.pm.disable();
      poly.remove();
    };
    // Rebuild only when the value is replaced from outside (redraw, record load), not on each edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, drawing, value === null || value === undefined, record?.id]);

  // Redraw: a new polygon replaces the value.
  useEffect(() => {
    if (!map || !drawing) return;
    const onCreate = (e: any) => {
      if (e.shape !== 'Polygon') return;
      const g = toGeometry(e.layer);
      e.layer.remove();
      setKinks(findKinks(g));
      onChange.current(g);
      setDrawing(false);
    };
    map.on('pm:create', onCreate);
    map.pm.enableDraw('Polygon', pmOptions(snap));
    return () => {
      map.off('pm:create', onCreate);
      map.pm.disableDraw();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [map, drawing]);

  return (
    <Box sx={{ width: '100%', maxWidth: 720, my: 1 }} data-testid="geometry-input">
      <Typography variant="caption" color="text.secondary">
        {translate('wz.draw.geometry')}
        {required ? ' *' : ''}
      </Typography>
      <Box sx={{ position: 'relative' }}>
        <div
          ref={div}
          data-testid="geometry-map"
          style={{ height, background: '#f4f1ea', border: '1px solid #ccc', borderRadius: 4 }}
        />
        {map ? <DrawAssist map={map} /> : null}
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
        {translate(
          villageId ? (drawing ? 'wz.draw.draw_help' : 'wz.draw.geometry_help') : 'wz.draw.pick_village_first',
        )}
      </Typography>
      <KinksBox kinks={kinks} />
      {fieldState.error && !kinks.length ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {translate(fieldState.error.message ?? 'wz.draw.geometry_required')}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }}>
        <Button
          size="small"
          variant="outlined"
          data-testid="geometry-redraw"
          disabled={drawing}
          onClick={() => setDrawing(true)}
        >
          {translate(value ? 'wz.draw.redraw' : 'wz.draw.draw_grid')}
        </Button>
        {drawing ? (
          <Button size="small" onClick={() => setDrawing(false)}>
            {translate('ra.action.cancel')}
          </Button>
        ) : null}
        <SnapField
          value={snap}
          onChange={(px) => {
            setSnapDistance(px);
            setSnap(snapDistance());
          }}
        />
      </Stack>
    </Box>
  );
}
