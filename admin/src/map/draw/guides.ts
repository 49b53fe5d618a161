import type { Geometry } from 'geojson';
import { useEffect } from 'react';
import type { UnitShape } from '../../data/gridEditing';
import { GUIDE_STYLE, L, UNIT_GUIDE_STYLE } from './geoman';

/**
 * The snapping guides: the unit's boundary and its grids (but `exclude`), drawn thin and
 * not clickable, with snapIgnore: false so geoman snaps to them and to nothing else.
 */
export function useGuides(map: L.Map, unit: UnitShape | null, exclude?: string) {
  useEffect(() => {
    if (!unit) return;
    const group = L.layerGroup();
    const add = (g: Geometry | null, style: L.PathOptions) => {
      if (!g) return;
      L.geoJSON(g as any, { style, interactive: false, pmIgnore: true, snapIgnore: false } as any).eachLayer((l) =>
        group.addLayer(l),
      );
    };
    add(unit.geometry, UNIT_GUIDE_STYLE);
    for (const g of unit.grids) if (String(g.id) !== String(exclude)) add(g.geometry, GUIDE_STYLE);
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, unit, exclude]);
}

/** Bounds of a GeoJSON geometry. */
export const boundsOf = (g: Geometry) => L.geoJSON(g as any).getBounds();

/** Brings the unit into view unless it is there and not tiny (no animation: the tests read positions right after). */
export function showBounds(map: L.Map, b: L.LatLngBounds) {
  if (!b.isValid()) return;
  if (map.getBounds().intersects(b) && map.getBoundsZoom(b) - map.getZoom() < 2) return;
  map.fitBounds(b, { padding: [60, 60], animate: false });
}
