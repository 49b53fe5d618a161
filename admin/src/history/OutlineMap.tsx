import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { tileUrl } from '../map/tiles';

/** A tiny map of a boundary before (grey, dashed) and after (red) a change. */
export function OutlineMap({ before, after, height = 220 }: { before?: any; after?: any; height?: number }) {
  const div = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!div.current || (!before && !after)) return;
    const map = L.map(div.current, {
      preferCanvas: true,
      attributionControl: false,
      scrollWheelZoom: false,
      zoomControl: false,
    });
    const url = tileUrl();
    if (url) L.tileLayer(url, { maxZoom: 19 }).addTo(map);
    const layers: L.GeoJSON[] = [];
    if (before)
      layers.push(
        L.geoJSON(before, { style: { color: '#616161', weight: 2, dashArray: '5 4', fillOpacity: 0.05 } }).addTo(map),
      );
    if (after) layers.push(L.geoJSON(after, { style: { color: '#c62828', weight: 2, fillOpacity: 0.12 } }).addTo(map));
    const bounds = layers.reduce((b, l) => b.extend(l.getBounds()), L.latLngBounds([]));
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [12, 12] });
    return () => {
      map.remove();
    };
  }, [before, after]);
  return (
    <div
      ref={div}
      data-testid="history-outline-map"
      style={{ height, width: '100%', maxWidth: 420, background: '#f4f1ea', border: '1px solid #ddd', borderRadius: 4 }}
    />
  );
}
