import L from 'leaflet';
import { FormControlLabel, Paper, Switch } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { escapeHtml } from '../map/html';
import { useMapHandle } from '../map/MapContext';

/** Open work orders on the coverage map (a child of CoverageMap): a dot per order, red when overdue, grouped by grid in the tooltip. */
export function WorkOrderLayer() {
  const handle = useMapHandle();
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const [on, setOn] = useState(true);
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    if (!handle || !on) return;
    const group = L.layerGroup().addTo(handle.map);
    const ctl = new AbortController();
    dataProvider
      .mapGeoJson('work-orders', {}, ctl.signal)
      .then((fc) => {
        setCount(fc.features.length);
        for (const f of fc.features) {
          const p = f.properties ?? {};
          const [lng, lat] = (f.geometry as GeoJSON.Point).coordinates as [number, number];
          L.circleMarker([lat, lng], {
            radius: 5,
            color: '#fff',
            weight: 1,
            fillColor: p.overdue ? '#c62828' : '#1565c0',
            fillOpacity: 0.95,
            className: 'wz-work-order',
          })
            .bindTooltip(
              `<b>${escapeHtml(p.code)}</b> ${escapeHtml(p.title)}<br/>${escapeHtml(translate(`wz.wo.status.${p.status}`))} · ${escapeHtml(p.gridName ?? p.villageName ?? '')}${p.overdue ? ` · ${escapeHtml(translate('wz.wo.overdue'))}` : ''}`,
            )
            .on('click', () => window.location.assign(`/work-orders/${p.id}/show`))
            .addTo(group);
        }
      })
      .catch(() => undefined);
    return () => {
      ctl.abort();
      group.remove();
    };
  }, [handle, on, translate, dataProvider]);
  return (
    <Paper
      elevation={3}
      sx={{ position: 'absolute', bottom: 36, left: 10, zIndex: 1000, px: 1 }}
      data-testid="wo-layer-toggle"
    >
      <FormControlLabel
        control={<Switch size="small" checked={on} onChange={(e) => setOn(e.target.checked)} />}
        label={`${translate('wz.wo.layer')}${on && count !== null ? ` (${count})` : ''}`}
      />
    </Paper>
  );
}
