import { Checkbox, FormControlLabel, Paper, Typography } from '@mui/material';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { formatAreaM2, geodesicArea } from './geodesic';
import { guideRings, nearestGuideVertex, traceBetween } from './trace';

declare global {
  interface Window {
    /** Read by the browser tests: tracing on, vertices inserted by the last trace, the live area. */
    __wzAssist?: { trace: boolean; traced: number; liveAreaM2: number | null };
  }
}

/**
 * Helps whatever geoman drawing runs on the map: geoman's tooltips in the UI language, a live
 * area readout while a polygon is drawn, and tracing along the snapping guides (the unit's
 * boundary, the neighbour grids) between two clicked vertices. It listens to geoman's map events
 * only, so the drawing tools themselves stay as they are.
 */
export function DrawAssist({ map, placement = 'bottom' }: { map: L.Map; placement?: 'bottom' | 'top' }) {
  const translate = useTranslate();
  const locale = useLocale();
  const [drawing, setDrawing] = useState(false);
  const [area, setArea] = useState<number | null>(null);
  const [trace, setTrace] = useState(() => localStorage.getItem('wz.trace') === '1');
  const traceRef = useRef(trace);
  traceRef.current = trace;

  useEffect(() => {
    (map as any).pm?.setLang?.(locale === 'en' ? 'en' : 'zh');
  }, [map, locale]);

  useEffect(() => {
    localStorage.setItem('wz.trace', trace ? '1' : '0');
    window.__wzAssist = { ...(window.__wzAssist ?? { traced: 0, liveAreaM2: null }), trace };
  }, [trace]);

  useEffect(() => {
    let working: L.Polyline | null = null;
    let shape = '';
    const ring = (extra?: L.LatLng): [number, number][] => {
      const lls = ((working?.getLatLngs() ?? []) as L.LatLng[]).slice();
      if (extra) lls.push(extra);
      return lls.map((l) => [l.lng, l.lat]);
    };
    const update = (extra?: L.LatLng) => {
      if (shape !== 'Polygon') return;
      const r = ring(extra);
      const a = r.length >= 3 ? geodesicArea(r) : null;
      setArea(a);
      window.__wzAssist = { ...(window.__wzAssist ?? { trace: traceRef.current, traced: 0 }), liveAreaM2: a };
    };
    const onVertex = () => {
      if (traceRef.current && working) {
        let lls = working.getLatLngs() as L.LatLng[];
        const rings = guideRings(map);
        // While tracing, a click near a boundary's vertex takes that vertex's exact coordinates.
        const last = lls[lls.length - 1];
        const exact = last ? nearestGuideVertex(map, rings, last) : null;
        if (last && exact && (exact.lat !== last.lat || exact.lng !== last.lng)) {
          lls = [...lls.slice(0, -1), L.latLng(exact.lat, exact.lng)];
          working.setLatLngs(lls);
        }
        if (lls.length >= 2) {
          const p = lls[lls.length - 2]!;
          const q = lls[lls.length - 1]!;
          const t = traceBetween(map, rings, p, q);
          if (t?.between.length) {
            // The guide's own coordinates: the new edge shares the neighbour's vertices exactly.
            const copy = (v: L.LatLng) => L.latLng(v.lat, v.lng);
            working.setLatLngs([...lls.slice(0, -2), copy(t.from), ...t.between.map(copy), copy(t.to)]);
            window.__wzAssist = {
              ...(window.__wzAssist ?? { trace: true, liveAreaM2: null }),
              traced: t.between.length,
              tracedPoints: t.between.map((v) => [v.lng, v.lat]),
            } as any;
          }
        }
      }
      update();
    };
    const onMove = (e: L.LeafletMouseEvent) => update(e.latlng);
    const onStart = (e: any) => {
      shape = e.shape;
      working = e.workingLayer;
      working?.on('pm:vertexadded', onVertex);
      setDrawing(true);
      setArea(null);
      map.on('mousemove', onMove);
    };
    const onEnd = () => {
      working?.off('pm:vertexadded', onVertex);
      working = null;
      setDrawing(false);
      map.off('mousemove', onMove);
    };
    const onKey = (e: KeyboardEvent) => {
      if (
        (e.key === 't' || e.key === 'T') &&
        !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
      )
        setTrace((v) => !v);
    };
    map.on('pm:drawstart', onStart);
    map.on('pm:drawend', onEnd);
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('pm:drawstart', onStart);
      map.off('pm:drawend', onEnd);
      map.off('mousemove', onMove);
      working?.off('pm:vertexadded', onVertex);
      window.removeEventListener('keydown', onKey);
    };
  }, [map]);

  if (!drawing) return null;
  return (
    <Paper
      elevation={3}
      data-testid="draw-assist"
      sx={{
        position: 'absolute',
        zIndex: 1000,
        left: '50%',
        transform: 'translateX(-50%)',
        [placement]: 10,
        px: 1.5,
        py: 0.5,
        display: 'flex',
        alignItems: 'center',
        gap: 2,
      }}
    >
      <FormControlLabel
        sx={{ my: -0.5 }}
        title={translate('wz.tools.trace_help')}
        control={
          <Checkbox
            size="small"
            checked={trace}
            onChange={(e) => setTrace(e.target.checked)}
            slotProps={{ input: { 'data-testid': 'trace-toggle' } as any }}
          />
        }
        label={<Typography variant="body2">{translate('wz.tools.trace_on')}</Typography>}
      />
      <Typography variant="body2" data-testid="live-area">
        {translate('wz.tools.live_area', { value: area === null ? '—' : formatAreaM2(area, locale) })}
      </Typography>
    </Paper>
  );
}
