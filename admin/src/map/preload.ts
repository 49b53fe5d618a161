import { authFetch } from '../auth/session';

/**
 * The map's first requests, started by admin/index.html's inline script while the app's script
 * is still loading and compiling (on /map with a session): the counties' TileJSON (the tiles'
 * data version and the extent the view is fitted to) and the counties' GeoJSON. Each is taken
 * once, by the call that would have made it; the URLs must be the ones the app asks for
 * (tests/map-preload.unit.test.ts checks the two lists agree).
 */
export const PRELOADED_URLS = ['/tiles/counties.json', '/api/map/counties.geojson?tolerance=100'] as const;

declare global {
  interface Window {
    /** Responses started by index.html, by URL (taken once). */
    __wzPreload?: Record<string, Promise<Response | null> | undefined>;
  }
}

/** authFetch, unless index.html already started this request: then its response (if it is a good one). */
export async function fetchPreloaded(url: string, init: RequestInit = {}): Promise<Response> {
  const started = window.__wzPreload?.[url];
  if (started) {
    delete window.__wzPreload![url];
    // Anything but a good answer (a 401, a network error: null) goes the ordinary way, which handles it.
    const res = await started;
    if (res?.ok) return res;
  }
  return authFetch(url, init);
}
