import { Box, Typography } from '@mui/material';
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import type { OutlineType } from '../data/mapMethods';
import { escapeHtml } from './html';
import { HatchCanvas } from './style';
import { tileUrl } from './tiles';

/**
 * A small map of the record's shape and its neighbours (same type, found with the
 * bbox filter); a click on a neighbour opens it.
 */
export function RecordMap({
  type,
  resource,
  height = 320,
}: {
  type: OutlineType;
  resource: string | ((r: any) => string);
  height?: number;
}) {
  const record = useRecordContext();
  const translate = useTranslate();
  const navigate = useNavigate();
  const dataProvider = useWzDataProvider();
  const div = useRef<HTMLDivElement>(null);
  const geometry = record?.geometry;

  useEffect(() => {
    if (!geometry || !div.current || !record) return;
    const map = L.map(div.current, {
      preferCanvas: true,
      renderer: new HatchCanvas(),
      attributionControl: false,
      scrollWheelZoom: false,
    });
    const url = tileUrl();
    if (url) L.tileLayer(url, { maxZoom: 19 }).addTo(map);
    const own = L.geoJSON(geometry, { style: { color: '#c62828', weight: 3, fillOpacity: 0.15 } });
    const bounds = own.getBounds();
    map.fitBounds(bounds, { padding: [20, 20] });
    const controller = new AbortController();
    const pad = bounds.pad(0.3);
    dataProvider
      .outlinesNear(type, [pad.getWest(), pad.getSouth(), pad.getEast(), pad.getNorth()], controller.signal)
      .then((rows) => {
        for (const row of rows) {
          if (String(row.id) === String(record.id) || !row.geometry) continue;
          const layer = L.geoJSON(row.geometry, { style: { color: '#1565c0', weight: 1.2, fillOpacity: 0.05 } })
            .bindTooltip(escapeHtml(row.name), { sticky: true })
            .on('click', () => navigate(`/${typeof resource === 'function' ? resource(row) : resource}/${row.id}/show`))
            .addTo(map);
          layer.bringToBack();
        }
        own.bringToFront();
      })
      .catch(() => undefined);
    own.addTo(map);
    return () => {
      controller.abort();
      map.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(geometry), record?.id, type]);

  if (!record) return null;
  return (
    <Box sx={{ width: '100%', maxWidth: 640 }}>
      <Typography variant="caption" color="text.secondary">
        {translate('wz.fields.record_map')}
      </Typography>
      {geometry ? (
        <div
          ref={div}
          data-testid="record-map"
          style={{ height, background: '#f4f1ea', border: '1px solid #ddd', borderRadius: 4 }}
        />
      ) : (
        <Typography variant="body2">{translate('wz.fields.no_geometry')}</Typography>
      )}
    </Box>
  );
}
