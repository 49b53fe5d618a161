import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  FormControlLabel,
  IconButton,
  MenuItem,
  Radio,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useEffect, useState } from 'react';
import { Title, useCanAccess, useNotify, useTranslate } from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';
import type { BaseMapConfig, TiandituPreset } from '../map/basemaps/basemaps';

const PRESETS: TiandituPreset[] = ['VEC', 'IMG', 'TER'];
const PRESET_NAMES: Record<TiandituPreset, string> = { VEC: '天地图矢量', IMG: '天地图影像', TER: '天地图地形' };

/**
 * The administrators' base map settings (/settings/map): the 天地图 key once, 天地图 presets,
 * any XYZ/WMTS template with attribution, GCJ-02 marking, which one is shown first.
 */
export function MapSettingsPage() {
  const translate = useTranslate();
  const notify = useNotify();
  const dataProvider = useWzDataProvider();
  const { canAccess: isAdmin, isPending } = useCanAccess({ resource: 'users', action: 'list' });
  const [key, setKey] = useState('');
  const [maps, setMaps] = useState<BaseMapConfig[]>([]);
  const [def, setDef] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const t = (k: string, o?: object) => translate(`wz.settings.${k}`, o);

  useEffect(() => {
    dataProvider
      .mapSettings()
      .then((s) => {
        setKey(s.tiandituKey ?? '');
        setMaps(s.baseMaps);
        setDef(s.defaultBaseMap);
      })
      .catch((e) => setError((e as Error).message));
  }, [dataProvider]);

  const patch = (i: number, p: Partial<BaseMapConfig>) =>
    setMaps((m) => m.map((b, j) => (j === i ? { ...b, ...p } : b)));
  const uniqueId = (base: string) => {
    let id = base;
    for (let n = 2; maps.some((b) => b.id === id); n++) id = `${base}-${n}`;
    return id;
  };
  const addPreset = (preset: TiandituPreset) =>
    setMaps((m) => [
      ...m,
      {
        id: uniqueId(`tdt-${preset.toLowerCase()}`),
        name: PRESET_NAMES[preset],
        kind: 'TIANDITU',
        preset,
        gcj02: false,
        maxZoom: 18,
      },
    ]);
  const addXyz = () =>
    setMaps((m) => [
      ...m,
      { id: uniqueId('xyz'), name: '', kind: 'XYZ', url: '', attribution: '', gcj02: false, maxZoom: 18 },
    ]);

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const b = maps.map(({ id, name, kind, preset, url, labelUrl, subdomains, attribution, gcj02, maxZoom }) => ({
        id,
        name,
        kind,
        preset: kind === 'TIANDITU' ? preset : null,
        url: kind === 'TIANDITU' ? null : url,
        labelUrl: kind === 'TIANDITU' ? null : labelUrl || null,
        subdomains: subdomains || null,
        attribution: attribution || null,
        gcj02,
        maxZoom: Number(maxZoom) || 18,
      }));
      const saved = await dataProvider.updateMapSettings(
        b,
        key.trim() || null,
        def && maps.some((m) => m.id === def) ? def : null,
      );
      setMaps(saved.baseMaps);
      notify(t('saved'), { type: 'success' });
    } catch (e) {
      setError((e as Error).message ?? String(e));
    } finally {
      setSaving(false);
    }
  };

  if (!isPending && !isAdmin)
    return (
      <Alert severity="warning" sx={{ m: 2 }}>
        {t('admin_only')}
      </Alert>
    );
  return (
    <Card sx={{ mt: 1, maxWidth: 980 }} data-testid="map-settings">
      <Title title={t('title')} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {t('help')}
        </Typography>
        <TextField
          label={t('key')}
          helperText={t('key_help')}
          value={key}
          onChange={(e) => setKey(e.target.value)}
          fullWidth
          slotProps={{ htmlInput: { 'data-testid': 'tdt-key', autoComplete: 'off', spellCheck: false } }}
          sx={{ mb: 2, maxWidth: 520 }}
        />
        <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="subtitle2" sx={{ alignSelf: 'center' }}>
            {t('presets')}：
          </Typography>
          {PRESETS.map((p) => (
            <Button
              key={p}
              size="small"
              variant="outlined"
              startIcon={<AddIcon />}
              onClick={() => addPreset(p)}
              data-testid={`add-preset-${p}`}
              sx={{ textTransform: 'none' }}
            >
              {t(`preset.${p}`)}
            </Button>
          ))}
          <Button
            size="small"
            variant="outlined"
            startIcon={<AddIcon />}
            onClick={addXyz}
            data-testid="add-xyz"
            sx={{ textTransform: 'none' }}
          >
            {t('add_xyz')}
          </Button>
        </Stack>
        {maps.length === 0 ? (
          <Alert severity="info" sx={{ mb: 2 }}>
            {t('empty')}
          </Alert>
        ) : null}
        {maps.map((b, i) => (
          <Box
            key={i}
            sx={{ border: '1px solid #0002', borderRadius: 1, p: 1.5, mb: 1.5 }}
            data-testid={`basemap-row-${i}`}
          >
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
              <FormControlLabel
                control={<Radio checked={def === b.id} onChange={() => setDef(b.id)} />}
                label={t('default')}
              />
              <TextField
                size="small"
                label={t('name')}
                value={b.name}
                onChange={(e) => patch(i, { name: e.target.value })}
                sx={{ width: 180 }}
              />
              <TextField
                size="small"
                label="ID"
                value={b.id}
                onChange={(e) => patch(i, { id: e.target.value })}
                sx={{ width: 130 }}
              />
              {b.kind === 'TIANDITU' ? (
                <TextField
                  size="small"
                  select
                  label={t('kind')}
                  value={b.preset ?? 'VEC'}
                  onChange={(e) => patch(i, { preset: e.target.value as TiandituPreset })}
                  sx={{ width: 260 }}
                >
                  {PRESETS.map((p) => (
                    <MenuItem key={p} value={p}>
                      {t(`preset.${p}`)}
                    </MenuItem>
                  ))}
                </TextField>
              ) : (
                <TextField
                  size="small"
                  select
                  label={t('kind')}
                  value={b.kind}
                  onChange={(e) => patch(i, { kind: e.target.value as 'XYZ' | 'WMTS' })}
                  sx={{ width: 110 }}
                >
                  <MenuItem value="XYZ">XYZ</MenuItem>
                  <MenuItem value="WMTS">WMTS</MenuItem>
                </TextField>
              )}
              <TextField
                size="small"
                type="number"
                label={t('max_zoom')}
                value={b.maxZoom}
                onChange={(e) => patch(i, { maxZoom: Number(e.target.value) })}
                sx={{ width: 100 }}
              />
              <IconButton
                aria-label={t('remove')}
                title={t('remove')}
                onClick={() => setMaps((m) => m.filter((_, j) => j !== i))}
              >
                <DeleteIcon />
              </IconButton>
            </Stack>
            {b.kind !== 'TIANDITU' ? (
              <Stack spacing={1} sx={{ mt: 1 }}>
                <TextField
                  size="small"
                  label={t('url')}
                  value={b.url ?? ''}
                  onChange={(e) => patch(i, { url: e.target.value })}
                  fullWidth
                />
                <TextField
                  size="small"
                  label={t('label_url')}
                  value={b.labelUrl ?? ''}
                  onChange={(e) => patch(i, { labelUrl: e.target.value })}
                  fullWidth
                />
                <Stack direction="row" spacing={1}>
                  <TextField
                    size="small"
                    label={t('subdomains')}
                    value={b.subdomains ?? ''}
                    onChange={(e) => patch(i, { subdomains: e.target.value })}
                    sx={{ width: 160 }}
                  />
                  <TextField
                    size="small"
                    label={t('attribution')}
                    value={b.attribution ?? ''}
                    onChange={(e) => patch(i, { attribution: e.target.value })}
                    sx={{ flex: 1 }}
                  />
                </Stack>
                <FormControlLabel
                  control={<Checkbox checked={b.gcj02} onChange={(e) => patch(i, { gcj02: e.target.checked })} />}
                  label={t('gcj02')}
                />
              </Stack>
            ) : null}
          </Box>
        ))}
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="settings-error">
            {error}
          </Alert>
        ) : null}
        <Stack direction="row" spacing={1}>
          <FormControlLabel
            control={
              <Radio
                checked={def === null || !maps.some((m) => m.id === def)}
                onChange={() => setDef(null)}
                value="none"
                name="wz-default-basemap"
              />
            }
            label={translate('wz.basemap.offline')}
          />
          <Button variant="contained" onClick={save} disabled={saving} data-testid="settings-save">
            {translate('ra.action.save')}
          </Button>
        </Stack>
      </CardContent>
    </Card>
  );
}
