import { Autocomplete, Paper, TextField } from '@mui/material';
import { useMemo } from 'react';
import { useTranslate } from 'react-admin';
import { useMapHandle } from './MapContext';
import type { LayerName, LoadedLayer } from './mapData';

interface Option {
  layer: LayerName;
  id: string;
  name: string;
  code: string;
  kind?: string;
}

/** Find a village, community or grid by name or code among the loaded features, and fly to it. */
export function MapSearch({ layers }: { layers: Partial<Record<LayerName, LoadedLayer>> }) {
  const translate = useTranslate();
  const handle = useMapHandle();
  const { villages, grids } = layers;
  const options = useMemo(() => {
    const out: Option[] = [];
    for (const [layer, loaded] of [['villages', villages], ['grids', grids]] as const) {
      for (const f of loaded?.data?.features ?? []) {
        const p = f.properties ?? {};
        out.push({ layer, id: String(f.id ?? p.id), name: String(p.name ?? ''), code: String(p.code ?? ''), kind: p.kind });
      }
    }
    return out;
  }, [villages, grids]);

  return (
    <Paper elevation={3} sx={{ width: 300 }}>
      <Autocomplete<Option>
        size="small"
        options={options}
        getOptionLabel={(o) => `${o.name}${o.code ? ` (${o.code})` : ''}`}
        groupBy={(o) => (o.layer === 'grids' ? translate('resources.grids.name', { smart_count: 2 }) : translate('wz.map.layer.villages'))}
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
        onChange={(_e, o) => {
          if (o && handle) handle.focus(o.layer, o.id);
        }}
        renderInput={(params) => <TextField {...params} placeholder={translate('wz.map.search')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'map-search' } }} />}
      />
    </Paper>
  );
}
