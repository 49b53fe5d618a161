import MyLocationIcon from '@mui/icons-material/MyLocation';
import CloseIcon from '@mui/icons-material/Close';
import { Box, CircularProgress, Fab, IconButton, Link, Paper, Typography } from '@mui/material';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useMapHandle } from '../MapContext';
import type { HereGrid } from '../../data/mapMethods';
import { useWzDataProvider } from '../../data/useWzDataProvider';
import { currentPosition } from './locate';

declare global {
  interface Window {
    __wzLocate?: { point: [number, number]; gridIds: string[]; text: string };
  }
}

/** "Where am I": browser geolocation → gridAt → the grid, its village and its workers with phones, as a bottom sheet. */
export function LocateMe() {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const handle = useMapHandle()!;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ point: [number, number]; grids: HereGrid[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const marker = useRef<L.CircleMarker | null>(null);
  useEffect(() => () => void marker.current?.remove(), []);

  const locate = async () => {
    setBusy(true);
    setError(null);
    try {
      const point = await currentPosition();
      const grids = await dataProvider.gridsAt(point[0], point[1]);
      setResult({ point, grids });
      marker.current?.remove();
      marker.current = L.circleMarker([point[1], point[0]], {
        radius: 8,
        color: '#fff',
        weight: 3,
        fillColor: '#1976d2',
        fillOpacity: 1,
        interactive: false,
        pmIgnore: true,
      } as any).addTo(handle.map);
      handle.map.setView([point[1], point[0]], Math.max(handle.map.getZoom(), 15), { animate: false });
      window.__wzLocate = { point, gridIds: grids.map((g) => String(g.id)), text: grids[0] ? sentence(grids[0]) : '' };
    } catch (e) {
      const m = (e as Error).message;
      setError(
        translate(
          m === 'denied' ? 'wz.field.denied' : m === 'unavailable' ? 'wz.field.unavailable' : 'wz.field.unavailable',
        ),
      );
    } finally {
      setBusy(false);
    }
  };

  const sentence = (g: HereGrid) => {
    const workers = g.workers.filter((w) => w.active);
    const leader = g.leader
      ? translate('wz.field.leader', { name: g.leader.name, phone: g.leader.phone ?? '—' })
      : null;
    const found = translate('wz.field.found', {
      grid: g.name,
      village: g.village?.name ?? '—',
      workers: workers.length
        ? workers.map((w) => translate('wz.field.worker', { name: w.name, phone: w.phone ?? '—' })).join('；')
        : translate('wz.field.no_worker'),
    });
    return leader ? `${found}${leader}` : found;
  };

  return (
    <>
      <Fab
        color="primary"
        aria-label={translate('wz.field.locate')}
        title={translate('wz.field.locate')}
        onClick={locate}
        data-testid="locate-me"
        sx={{ position: 'absolute', right: 16, bottom: result || error ? 'calc(40vh + 16px)' : 72, zIndex: 1100 }}
      >
        {busy ? <CircularProgress size={24} color="inherit" /> : <MyLocationIcon />}
      </Fab>
      {result || error ? (
        <Paper
          elevation={8}
          data-testid="locate-sheet"
          className="wz-bottom-sheet"
          sx={{
            position: 'absolute',
            left: 0,
            right: 0,
            bottom: 0,
            zIndex: 1100,
            maxHeight: '40vh',
            overflow: 'auto',
            p: 2,
            borderRadius: '16px 16px 0 0',
          }}
        >
          <Box sx={{ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start' }}>
            <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
              {translate('wz.field.locate')}
            </Typography>
            <IconButton
              aria-label={translate('wz.field.close')}
              onClick={() => {
                setResult(null);
                setError(null);
              }}
              sx={{ width: 48, height: 48, mt: -1, mr: -1 }}
            >
              <CloseIcon />
            </IconButton>
          </Box>
          {error ? <Typography color="error">{error}</Typography> : null}
          {result && !result.grids.length ? (
            <Typography data-testid="locate-text">
              {translate('wz.field.none', { lng: result.point[0].toFixed(5), lat: result.point[1].toFixed(5) })}
            </Typography>
          ) : null}
          {result?.grids.map((g) => (
            <Box key={g.id} sx={{ mb: 1 }}>
              <Typography data-testid="locate-text" sx={{ fontSize: 17 }}>
                {sentence(g)}
              </Typography>
              {g.workers
                .filter((w) => w.active && w.phone)
                .map((w) => (
                  <Link key={w.id} href={`tel:${w.phone}`} sx={{ display: 'inline-block', mr: 2, py: 1, fontSize: 17 }}>
                    ☎ {w.name} {w.phone}
                  </Link>
                ))}
              <Typography variant="body2" color="text.secondary">
                {[g.code, g.village?.township?.name, g.partyUnit?.name].filter(Boolean).join(' · ')}
              </Typography>
            </Box>
          ))}
        </Paper>
      ) : null}
    </>
  );
}
