/**
 * Test geometry with areas known in advance: rectangles measured in metres
 * around a point, using the series for metres per degree on the WGS 84 ellipsoid
 * (accurate to well under 0.01% for such small shapes).
 */
export function metresPerDegree(lat: number): { lat: number; lng: number } {
  const φ = (lat * Math.PI) / 180;
  return {
    lat: 111132.92 - 559.82 * Math.cos(2 * φ) + 1.175 * Math.cos(4 * φ),
    lng: 111412.84 * Math.cos(φ) - 93.5 * Math.cos(3 * φ),
  };
}

/** A rectangle whose south-west corner is (lng, lat), width × height metres, as a GeoJSON Polygon. */
export function rect(lng: number, lat: number, widthM: number, heightM: number) {
  // Metres per degree at the south-west corner, as offset() does, so rects drawn from
  // offsets of one origin share their edges exactly.
  const m = metresPerDegree(lat);
  const dx = widthM / m.lng;
  const dy = heightM / m.lat;
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [lng, lat],
        [lng + dx, lat],
        [lng + dx, lat + dy],
        [lng, lat + dy],
        [lng, lat],
      ],
    ],
  };
}

/** A point `east` and `north` metres from (lng, lat). */
export function offset(lng: number, lat: number, east: number, north: number): [number, number] {
  const m = metresPerDegree(lat);
  return [lng + east / m.lng, lat + north / m.lat];
}

/** Near Litong district's seat (Wuzhong city proper). */
export const LITONG: [number, number] = [106.2, 37.98];
