/**
 * The optional base map. None by default (offline: intranets and these machines
 * have no internet). VITE_TILE_URL at build time sets one for everybody;
 * localStorage `wz.tileUrl` (the map's settings) overrides it per browser.
 */
export function tileUrl(): string | undefined {
  try {
    const local = window.localStorage.getItem('wz.tileUrl');
    if (local !== null) return local.trim() || undefined;
  } catch {
    /* storage blocked */
  }
  const env = (import.meta as any).env?.VITE_TILE_URL as string | undefined;
  return env?.trim() || undefined;
}
