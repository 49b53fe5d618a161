import SquareFootIcon from '@mui/icons-material/SquareFoot';
import StraightenIcon from '@mui/icons-material/Straighten';
import { Box, Button, IconButton, Paper, Typography } from '@mui/material';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { useMapHandle } from '../MapContext';
import { DrawAssist } from './DrawAssist';
import { formatAreaM2, formatLength, geodesicArea, geodesicLength } from './geodesic';
import { toGk } from './gk';
import { setMeasuring } from './measuring';

declare global {
  interface Window {
    __wzMeasure?: { mode: 'distance' | 'area'; points: number; lengthM: number; areaM2: number | null };
  }
}

/** The map page's digitising aids: scale bar, cursor coordinates (lng/lat and CGCS2000 GK), measuring, and the drawing assist. */
export function MapTools() {
  const handle = useMapHandle()!;
  const map = handle.map;
  useEffect(() => {
    const scale = L.control.scale({ metric: true, imperial: false, position: 'bottomright', maxWidth: 140 }).addTo(map);
    return () => {
      scale.remove();
    };
  }, [map]);
  return (
    <>
      <CursorReadout map={map} />
      <Measure map={map} />
      <DrawAssist map={map} />
    </>
  );
}

function CursorReadout({ map }: { map: L.Map }) {
  const translate = useTranslate();
  const [ll, setLl] = useState<L.LatLng | null>(null);
  useEffect(() => {
    let frame = 0;
    let last: L.LatLng | null = null;
    const onMove = (e: L.LeafletMouseEvent) => {
      last = e.latlng;
      if (!frame)
        frame = requestAnimationFrame(() => {
          frame = 0;
          setLl(last);
        });
    };
    map.on('mousemove', onMove);
    return () => {
      map.off('mousemove', onMove);
      cancelAnimationFrame(frame);
    };
  }, [map]);
  if (!ll) return null;
  const gk = toGk(ll.lng, ll.lat);
  return (
    <Box
      data-testid="cursor-readout"
      className="wz-cursor-readout"
      sx={{
        position: 'absolute',
        right: 10,
        bottom: 44,
        zIndex: 1000,
        bgcolor: '#ffffffd9',
        px: 0.75,
        borderRadius: 1,
        fontSize: 11,
        fontFamily: 'monospace',
        lineHeight: 1.5,
        textAlign: 'right',
      }}
    >
      <div>
        {ll.lng.toFixed(6)}°E {ll.lat.toFixed(6)}°N
      </div>
      {gk ? (
        <div title={translate('wz.tools.gk', { zone: gk.zone.zone, epsg: gk.zone.epsg })}>
          X {gk.northing.toFixed(2)} Y {gk.easting.toFixed(2)} · EPSG:{gk.zone.epsg}
        </div>
      ) : null}
    </Box>
  );
}

function Measure({ map }: { map: L.Map }) {
  const translate = useTranslate();
  const locale = useLocale();
  const [mode, setMode] = useState<'distance' | 'area' | null>(null);
  const [points, setPoints] = useState<L.LatLng[]>([]);
  const [done, setDone] = useState(false);
  const layer = useRef<L.LayerGroup | null>(null);

  useEffect(() => {
    setMeasuring(mode !== null && !done);
    if (!mode || done) return;
    map.doubleClickZoom.disable();
    map.getContainer().style.cursor = 'crosshair';
    const onClick = (e: L.LeafletMouseEvent) => setPoints((p) => [...p, e.latlng]);
    const onDbl = () => setDone(true);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') stop();
    };
    map.on('click', onClick);
    map.on('dblclick', onDbl);
    window.addEventListener('keydown', onKey);
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDbl);
      window.removeEventListener('keydown', onKey);
      map.doubleClickZoom.enable();
      map.getContainer().style.cursor = '';
      setMeasuring(false);
    };
  }, [map, mode, done]);

  // Draw what is measured.
  useEffect(() => {
    layer.current?.remove();
    if (!mode || !points.length) return;
    const g = L.layerGroup();
    const opts = {
      color: '#e65100',
      weight: 2.5,
      dashArray: '6 4',
      interactive: false,
      pmIgnore: true,
      snapIgnore: true,
    } as L.PathOptions;
    if (mode === 'area' && points.length >= 3) L.polygon(points, { ...opts, fillOpacity: 0.15 }).addTo(g);
    else L.polyline(points, opts).addTo(g);
    for (const p of points)
      L.circleMarker(p, {
        radius: 3,
        color: '#e65100',
        interactive: false,
        pmIgnore: true,
        snapIgnore: true,
      } as any).addTo(g);
    g.addTo(map);
    layer.current = g;
  }, [map, mode, points]);

  const pts = points.map((p) => [p.lng, p.lat] as [number, number]);
  const lengthM = mode === 'area' && pts.length >= 3 ? geodesicLength([...pts, pts[0]!]) : geodesicLength(pts);
  const areaM2 = mode === 'area' && pts.length >= 3 ? geodesicArea(pts) : null;
  useEffect(() => {
    if (mode) window.__wzMeasure = { mode, points: points.length, lengthM, areaM2 };
    else delete window.__wzMeasure;
  }, [mode, points.length, lengthM, areaM2]);

  function start(m: 'distance' | 'area') {
    setPoints([]);
    setDone(false);
    setMode(m);
  }
  function stop() {
    layer.current?.remove();
    layer.current = null;
    setPoints([]);
    setDone(false);
    setMode(null);
  }

  return (
    <Box
      sx={{
        position: 'absolute',
        left: 10,
        bottom: 30,
        zIndex: 1000,
        display: 'flex',
        flexDirection: 'column',
        gap: 0.5,
        alignItems: 'flex-start',
      }}
      className="wz-measure"
    >
      {mode ? (
        <Paper elevation={3} sx={{ p: 1, maxWidth: 280 }} data-testid="measure-panel">
          <Typography variant="body2" data-testid="measure-result">
            {mode === 'area'
              ? translate('wz.tools.area', { value: areaM2 === null ? '—' : formatAreaM2(areaM2, locale) })
              : translate('wz.tools.distance', { value: formatLength(lengthM, locale) })}
          </Typography>
          {mode === 'area' ? (
            <Typography variant="caption" sx={{ display: 'block' }}>
              {translate('wz.tools.distance', { value: formatLength(lengthM, locale) })}
            </Typography>
          ) : null}
          <Typography variant="caption" color="text.secondary" sx={{ display: 'block' }}>
            {translate('wz.tools.measure_help')}
          </Typography>
          <Button size="small" onClick={stop} data-testid="measure-clear">
            {translate('wz.tools.clear')}
          </Button>
        </Paper>
      ) : null}
      <Paper elevation={3} sx={{ display: 'flex' }}>
        <IconButton
          size="small"
          aria-label={translate('wz.tools.measure_distance')}
          title={translate('wz.tools.measure_distance')}
          data-testid="measure-distance"
          color={mode === 'distance' ? 'primary' : 'default'}
          onClick={() => (mode === 'distance' ? stop() : start('distance'))}
        >
          <StraightenIcon fontSize="small" />
        </IconButton>
        <IconButton
          size="small"
          aria-label={translate('wz.tools.measure_area')}
          title={translate('wz.tools.measure_area')}
          data-testid="measure-area"
          color={mode === 'area' ? 'primary' : 'default'}
          onClick={() => (mode === 'area' ? stop() : start('area'))}
        >
          <SquareFootIcon fontSize="small" />
        </IconButton>
      </Paper>
    </Box>
  );
}
