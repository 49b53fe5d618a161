import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRELOADED_URLS } from '../admin/src/map/preload';

describe('the map requests index.html starts early', () => {
  const html = readFileSync(new URL('../admin/index.html', import.meta.url), 'utf8');
  const started = [...html.matchAll(/'(\/(?:tiles|api)\/[^']+)':/g)].map((m) => m[1]);

  it('are the ones the map asks for, so none is fetched twice', () => {
    expect(started.sort()).toEqual([...PRELOADED_URLS].sort());
    // The map asks for the counties' GeoJSON with its tolerance (mapData.ts, read as text: it imports the
    // whole data provider) and the counties' TileJSON.
    const mapData = readFileSync(new URL('../admin/src/map/mapData.ts', import.meta.url), 'utf8');
    const tolerance = /TOLERANCE[^{]*\{\s*counties: (\d+)/.exec(mapData)?.[1];
    expect(PRELOADED_URLS).toContain(`/api/map/counties.geojson?tolerance=${tolerance}`);
    expect(PRELOADED_URLS).toContain('/tiles/counties.json');
  });

  it('sign in with the token where the app keeps it', () => {
    const session = readFileSync(new URL('../admin/src/auth/session.ts', import.meta.url), 'utf8');
    const key = /const TOKEN = '([^']+)'/.exec(session)?.[1];
    expect(key).toBeTruthy();
    expect(html).toContain(`localStorage.getItem('${key}')`);
  });
});
