/** WGS 84 ↔ GCJ-02 with the maintained `gcoord` package (GCJ-02 → WGS 84 is its iterative inverse, within 1e-6°). */
import gcoord from 'gcoord';

export const wgsToGcj = (lng: number, lat: number): [number, number] =>
  gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
export const gcjToWgs = (lng: number, lat: number): [number, number] =>
  gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
