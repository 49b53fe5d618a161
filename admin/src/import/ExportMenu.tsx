/**
 * "Export" on a list page: the list's current filter, in a chosen format, CRS and encoding,
 * downloaded through the data provider (GET /api/export/{list}.{format}).
 */
import DownloadIcon from '@mui/icons-material/Download';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Stack,
} from '@mui/material';
import { useState } from 'react';
import { Button, useDataProvider, useListContext, useLocale, useNotify, useTranslate } from 'react-admin';
import type { TransferMethods } from './transferProvider';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'shp.zip', 'gpkg', 'kml', 'geojson', 'dxf'] as const;
const SPATIAL = new Set(['shp.zip', 'gpkg', 'geojson', 'dxf']);
export const EXPORT_CRS = [
  { code: 'EPSG:4326', zh: 'WGS 84 经纬度', en: 'WGS 84 longitude/latitude' },
  { code: 'EPSG:4490', zh: 'CGCS2000 经纬度', en: 'CGCS2000 longitude/latitude' },
  { code: 'EPSG:4523', zh: 'CGCS2000 3度带 第35带（105°）', en: 'CGCS2000 3° GK zone 35 (105° E)' },
  { code: 'EPSG:4524', zh: 'CGCS2000 3度带 第36带（108°）', en: 'CGCS2000 3° GK zone 36 (108° E)' },
  { code: 'EPSG:4544', zh: 'CGCS2000 3度带 中央经线105°（无带号）', en: 'CGCS2000 3° GK CM 105° E (no zone)' },
  { code: 'EPSG:4545', zh: 'CGCS2000 3度带 中央经线108°（无带号）', en: 'CGCS2000 3° GK CM 108° E (no zone)' },
  { code: 'EPSG:4496', zh: 'CGCS2000 6度带 第18带（105°）', en: 'CGCS2000 6° GK zone 18 (105° E)' },
  { code: 'EPSG:4507', zh: 'CGCS2000 6度带 中央经线105°（无带号）', en: 'CGCS2000 6° GK CM 105° E (no zone)' },
];

export function ExportMenu({
  list,
  permanent = {},
}: {
  list: 'counties' | 'townships' | 'villages' | 'grids' | 'coverage';
  permanent?: Record<string, unknown>;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const notify = useNotify();
  const dataProvider = useDataProvider() as unknown as TransferMethods;
  const context = useListContext();
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<string>('xlsx');
  const [crs, setCrs] = useState('EPSG:4326');
  const [encoding, setEncoding] = useState('UTF-8');
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const filter = { ...(context?.filterValues ?? {}), ...permanent };
      const name = await dataProvider.exportList(list, format, {
        filter,
        crs: SPATIAL.has(format) ? crs : undefined,
        encoding: format === 'shp.zip' ? encoding : undefined,
      });
      notify('transfer.export.done', { type: 'info', messageArgs: { name } });
      setOpen(false);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="transfer.export.button" onClick={() => setOpen(true)} data-testid="export-button">
        <DownloadIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} data-testid="export-dialog">
        <DialogTitle>{translate('transfer.export.title', { count: context?.total ?? 0 })}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1, minWidth: 360 }}>
            <FormControl size="small">
              <InputLabel>{translate('transfer.export.format')}</InputLabel>
              <Select
                label={translate('transfer.export.format')}
                value={format}
                onChange={(e) => setFormat(e.target.value)}
                data-testid="export-format"
              >
                {EXPORT_FORMATS.map((f) => (
                  <MenuItem key={f} value={f}>
                    {translate(`transfer.formats.${f.replace('.', '_')}`)}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            {SPATIAL.has(format) ? (
              <FormControl size="small">
                <InputLabel>{translate('transfer.export.crs')}</InputLabel>
                <Select label={translate('transfer.export.crs')} value={crs} onChange={(e) => setCrs(e.target.value)}>
                  {EXPORT_CRS.map((c) => (
                    <MenuItem key={c.code} value={c.code}>{`${locale === 'en' ? c.en : c.zh} (${c.code})`}</MenuItem>
                  ))}
                </Select>
              </FormControl>
            ) : null}
            {format === 'shp.zip' ? (
              <FormControl size="small">
                <InputLabel>{translate('transfer.export.encoding')}</InputLabel>
                <Select
                  label={translate('transfer.export.encoding')}
                  value={encoding}
                  onChange={(e) => setEncoding(e.target.value)}
                >
                  <MenuItem value="UTF-8">UTF-8</MenuItem>
                  <MenuItem value="GBK">GBK</MenuItem>
                </Select>
              </FormControl>
            ) : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
          <Button
            label="transfer.export.download"
            onClick={download}
            disabled={busy}
            variant="contained"
            data-testid="export-download"
          >
            <DownloadIcon />
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
