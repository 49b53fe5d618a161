import { gql } from '../../api';

export interface HereGrid {
  id: string;
  name: string;
  code: string | null;
  village: { id: string; name: string; township: { name: string } | null } | null;
  workers: { id: string; name: string; phone: string | null; active: boolean }[];
  partyUnit: { name: string } | null;
}

/** The grids at a point (`gridAt`), smallest first. */
export async function gridsAt(lng: number, lat: number): Promise<HereGrid[]> {
  const d = await gql<{ gridAt: HereGrid[] }>(
    `query($lng: Float!, $lat: Float!) { gridAt(lng: $lng, lat: $lat) { id name code village { id name township { name } } workers { id name phone active } partyUnit { name } } }`,
    { lng, lat },
  );
  return d.gridAt;
}

/** The browser's position as [lng, lat]; rejects with 'denied' or 'unavailable'. */
export function currentPosition(): Promise<[number, number]> {
  return new Promise((resolve, reject) => {
    if (!navigator.geolocation) return reject(new Error('unavailable'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve([p.coords.longitude, p.coords.latitude]),
      (e) => reject(new Error(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  });
}
