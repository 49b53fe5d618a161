import { Autocomplete, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { enumChoices } from '../../common/enums';
import type { GridAttributes, PartyUnitOption, WorkerOption } from '../../data/gridEditing';
import { useWzDataProvider } from '../../data/useWzDataProvider';

/** "马金 · 陈木闸村 · 139…": a picker entry that tells people and places of the same name apart. */
const describe = (o: { name: string; place?: string; phone?: string | null }) => [o.name, o.place, o.phone].filter(Boolean).join(' · ');

/**
 * Name, code, kind, households, population, workers (autocomplete over GridWorker) and, for a
 * new grid, the party unit to build on it, as plain controlled MUI fields.
 */
export function GridAttributesFields({ value, onChange, autoFocus, minWidth, withPartyUnit, villageId }: {
  value: GridAttributes; onChange(v: GridAttributes): void; autoFocus?: boolean; minWidth?: number; withPartyUnit?: boolean;
  /** The unit the grid is in: its workers and party units are offered first, and its next grid code is suggested. */
  villageId?: string;
}) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const f = (k: string) => translate(`resources.grids.fields.${k}`);
  const [options, setOptions] = useState<WorkerOption[]>([]);
  const [selected, setSelected] = useState<WorkerOption[]>([]);
  const [q, setQ] = useState('');
  const [units, setUnits] = useState<PartyUnitOption[]>([]);
  const [unit, setUnit] = useState<PartyUnitOption | null>(null);
  const [suggested, setSuggested] = useState<string | null>(null);

  // The next code of the unit (village code + 3 digits), filled in when the code is empty; editable.
  useEffect(() => {
    if (!villageId) return;
    let live = true;
    dataProvider.suggestGridCode(villageId).then((c) => {
      if (!live || !c) return;
      setSuggested(c);
      if (!value.code) onChange({ ...value, code: c });
    }, () => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [villageId]);
  const [unitQ, setUnitQ] = useState('');

  useEffect(() => {
    if (!withPartyUnit) return;
    let live = true;
    const t = setTimeout(() => dataProvider.searchPartyUnitOptions(unitQ, villageId).then((o) => live && setUnits(o)).catch(() => undefined), 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [unitQ, withPartyUnit]);

  useEffect(() => {
    let live = true;
    const t = setTimeout(() => dataProvider.searchWorkerOptions(q, villageId).then((o) => live && setOptions(o)).catch(() => undefined), 200);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  useEffect(() => {
    const ids = value.workerIds ?? [];
    if (ids.length && selected.length !== ids.length) dataProvider.workerOptionsByIds(ids).then(setSelected).catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const num = (v: string) => (v === '' ? null : Math.max(0, Math.round(Number(v))));
  return (
    <Stack spacing={1.5} sx={{ mt: 1, minWidth, width: '100%', boxSizing: 'border-box' }} data-testid="grid-attributes">
      <TextField label={f('name')} required value={value.name} autoFocus={autoFocus} size="small"
        slotProps={{ htmlInput: { 'data-testid': 'draw-name' } }} onChange={(e) => onChange({ ...value, name: e.target.value })} />
      <TextField label={f('code')} value={value.code ?? ''} size="small" slotProps={{ htmlInput: { 'data-testid': 'draw-code' } }}
        helperText={suggested ? `${translate('wz.codes.suggested')}：${suggested}` : undefined}
        onChange={(e) => onChange({ ...value, code: e.target.value })} />
      <TextField select label={f('kind')} value={value.kind ?? ''} size="small" onChange={(e) => onChange({ ...value, kind: (e.target.value || null) as GridAttributes['kind'] })}>
        <MenuItem value="">—</MenuItem>
        {enumChoices('GridKind').map((c: any) => (
          <MenuItem key={c.id} value={c.id}>{translate(c.name, { _: c.id })}</MenuItem>
        ))}
      </TextField>
      <Stack direction="row" spacing={1}>
        <TextField type="number" sx={{ flex: 1, minWidth: 0 }} label={f('households')} value={value.households ?? ''} size="small" slotProps={{ htmlInput: { min: 0, 'data-testid': 'draw-households' } }}
          onChange={(e) => onChange({ ...value, households: num(e.target.value) })} />
        <TextField type="number" sx={{ flex: 1, minWidth: 0 }} label={f('population')} value={value.population ?? ''} size="small" slotProps={{ htmlInput: { min: 0 } }}
          onChange={(e) => onChange({ ...value, population: num(e.target.value) })} />
      </Stack>
      <Autocomplete
        multiple
        size="small"
        options={options}
        value={selected}
        filterOptions={(x) => x}
        getOptionLabel={(o) => o.name}
        renderOption={(props, o) => <li {...props} key={o.id}>{describe(o)}</li>}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        onInputChange={(_, v) => setQ(v)}
        onChange={(_, v) => {
          setSelected(v);
          onChange({ ...value, workerIds: v.map((w) => w.id) });
        }}
        renderInput={(params) => <TextField {...params} label={f('workerIds')} />}
      />
      {withPartyUnit ? (
        <Autocomplete
          size="small"
          options={units}
          value={unit}
          filterOptions={(x) => x}
          getOptionLabel={(o) => o.name}
          renderOption={(props, o) => <li {...props} key={o.id}>{describe(o)}</li>}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          onInputChange={(_, v) => setUnitQ(v)}
          onChange={(_, v) => {
            setUnit(v);
            onChange({ ...value, partyUnitId: v?.id ?? null });
          }}
          renderInput={(params) => <TextField {...params} label={f('partyUnit')} data-testid="draw-party-unit" />}
        />
      ) : null}
    </Stack>
  );
}
