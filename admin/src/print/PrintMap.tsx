import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { PrintGrid } from './usePrintData';

export const PALETTE = [
  '#e3f2fd',
  '#fff3e0',
  '#e8f5e9',
  '#fce4ec',
  '#ede7f6',
  '#fffde7',
  '#e0f7fa',
  '#f3e5f5',
  '#f1f8e9',
  '#fbe9e7',
];

/**
 * A static map for printing: the unit's boundary, its grids filled and labelled, a scale bar.
 * `highlight` draws one grid strongly (the grid card). Calls onReady once drawn.
 */
export function PrintMap({
  unit,
  grids,
  highlight,
  labels = true,
  onReady,
}: {
  unit: any;
  grids: PrintGrid[];
  highlight?: string;
  labels?: boolean;
  onReady?(): void;
}) {
  const div = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const map = L.map(div.current!, {
      zoomControl: false,
      attributionControl: false,
      zoomSnap: 0.1,
      dragging: false,
      scrollWheelZoom: false,
      doubleClickZoom: false,
      boxZoom: false,
      keyboard: false,
      preferCanvas: false,
    });
    const all = L.featureGroup().addTo(map);
    grids.forEach((g, i) => {
      if (!g.geometry) return;
      const strong = highlight === String(g.id);
      const layer = L.geoJSON(g.geometry, {
        style: () => ({
          color: strong ? '#c62828' : '#1e3a8a',
          weight: strong ? 3 : 1.2,
          fillColor: highlight ? (strong ? '#ffcdd2' : '#f5f5f5') : PALETTE[i % PALETTE.length],
          fillOpacity: 0.9,
        }),
        interactive: false,
      } as any);
      layer.addTo(all);
      if (labels && (!highlight || strong)) {
        const c = layer.getBounds().getCenter();
        L.tooltip({ permanent: true, direction: 'center', className: 'wz-print-label', opacity: 1 })
          .setLatLng(c)
          .setContent(`${g.name}`)
          .addTo(map);
      }
    });
    if (unit)
      L.geoJSON(unit, {
        style: () => ({ color: '#000', weight: 2.5, dashArray: '8 3 2 3', fill: false }),
        interactive: false,
      } as any).addTo(all);
    L.control.scale({ metric: true, imperial: false, position: 'bottomright', maxWidth: 160 }).addTo(map);
    const b = all.getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [24, 24], animate: false });
    const t = window.setTimeout(() => onReady?.(), 50);
    return () => {
      window.clearTimeout(t);
      map.remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unit, grids, highlight]);
  return <div ref={div} style={{ position: 'absolute', inset: 0 }} />;
}

/** The north arrow of the notice map. */
export function NorthArrow({ label }: { label: string }) {
  return (
    <div className="wz-north" aria-label={label}>
      <svg viewBox="0 0 20 30" width="28" height="42" aria-hidden="true">
        <polygon points="10,0 18,26 10,20 2,26" fill="#111" />
        <polygon points="10,0 10,20 2,26" fill="#fff" stroke="#111" strokeWidth="0.8" />
      </svg>
      <div>{label}</div>
    </div>
  );
}
