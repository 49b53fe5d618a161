import { Autocomplete, Paper, TextField } from '@mui/material';
import L from 'leaflet';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { useMapHandle } from './MapContext';
import type { LayerName, LoadedLayer } from './mapData';

interface Option {
  layer: LayerName;
  id: string;
  name: string;
  code: string;
  kind?: string;
}

const SERVER_HITS = 10;

/**
 * Find a village, community or grid by name or code and fly to it: among the features loaded as
 * GeoJSON, and (the rest are vector tiles) by asking the server for the name or code.
 */
export function MapSearch({ layers }: { layers: Partial<Record<LayerName, LoadedLayer>> }) {
  const translate = useTranslate();
  const handle = useMapHandle();
  const { villages, grids } = layers;
  const dataProvider = useDataProvider();
  const provider = useRef(dataProvider);
  provider.current = dataProvider;
  const [input, setInput] = useState('');
  const [remote, setRemote] = useState<Option[]>([]);
  useEffect(() => {
    const q = input.trim();
    if (!q) {
      setRemote([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      const find = (resource: 'villages' | 'grids', layer: LayerName) =>
        provider.current
          .getList(resource, {
            filter: { q },
            pagination: { page: 1, perPage: SERVER_HITS },
            sort: { field: 'name', order: 'ASC' },
          })
          .then((r) =>
            r.data.map((d: any): Option => ({
              layer,
              id: String(d.id),
              name: String(d.name ?? ''),
              code: String(d.code ?? ''),
              kind: d.kind,
            })),
          )
          .catch(() => [] as Option[]);
      void Promise.all([find('villages', 'villages'), find('grids', 'grids')]).then(([v, g]) => {
        if (!cancelled) setRemote([...v, ...g]);
      });
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [input]);

  /** Fly to a record found on the server but not loaded as GeoJSON (nor in the tiles in view). */
  const flyTo = async (o: Option) => {
    if (!handle || handle.focus(o.layer, o.id)) return;
    const { data } = await dataProvider.getOne(o.layer === 'grids' ? 'grids' : 'villages', { id: o.id });
    if (!data?.geometry) return;
    const b = L.geoJSON(data.geometry).getBounds();
    handle.map.fitBounds(b, { maxZoom: o.layer === 'grids' ? 16 : 14, animate: false, padding: [40, 40] });
    // At that zoom the map loads the features in view as GeoJSON: select it once it is in.
    let tries = 0;
    const select = () => {
      if (handle.index.get(o.layer)?.has(o.id)) handle.focus(o.layer, o.id);
      else if (++tries < 40) setTimeout(select, 150);
    };
    select();
  };
  const options = useMemo(() => {
    const out: Option[] = [];
    for (const [layer, loaded] of [
      ['villages', villages],
      ['grids', grids],
    ] as const) {
      for (const f of loaded?.data?.features ?? []) {
        const p = f.properties ?? {};
        out.push({
          layer,
          id: String(f.id ?? p.id),
          name: String(p.name ?? ''),
          code: String(p.code ?? ''),
          kind: p.kind,
        });
      }
    }
    // Found on the server and not loaded: offered too.
    const have = new Set(out.map((o) => `${o.layer}:${o.id}`));
    for (const o of remote) if (!have.has(`${o.layer}:${o.id}`)) out.push(o);
    return out;
  }, [villages, grids, remote]);

  return (
    <Paper elevation={3} sx={{ width: 300 }}>
      <Autocomplete<Option>
        size="small"
        options={options}
        getOptionLabel={(o) => `${o.name}${o.code ? ` (${o.code})` : ''}`}
        groupBy={(o) =>
          o.layer === 'grids'
            ? translate('resources.grids.name', { smart_count: 2 })
            : translate('wz.map.layer.villages')
        }
        filterOptions={(opts, state) => {
          const q = state.inputValue.trim().toLowerCase();
          if (!q) return [];
          const hits: Option[] = [];
          for (const o of opts) {
            if (o.name.toLowerCase().includes(q) || o.code.includes(q)) hits.push(o);
            if (hits.length >= 50) break;
          }
          return hits;
        }}
        isOptionEqualToValue={(a, b) => a.layer === b.layer && a.id === b.id}
        noOptionsText={translate('wz.map.no_match')}
        onInputChange={(_e, v) => setInput(v)}
        onChange={(_e, o) => {
          if (o) void flyTo(o);
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            placeholder={translate('wz.map.search')}
            slotProps={{
              ...params.slotProps,
              htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'map-search' },
            }}
          />
        )}
      />
    </Paper>
  );
}
