/**
 * The import wizard: upload → layer and target (CRS, encoding) → field mapping (remembered
 * per source) → preview on a map with each feature's status and the dry-run report → apply.
 * Every call goes through the data provider's custom methods (transferProvider.ts).
 */
import UploadFileIcon from '@mui/icons-material/UploadFile';
import {
  Alert,
  Box,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControl,
  FormControlLabel,
  InputLabel,
  LinearProgress,
  MenuItem,
  Radio,
  RadioGroup,
  Select,
  Stack,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField as MuiTextField,
  Typography,
} from '@mui/material';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { GeoJSON, MapContainer, useMap } from 'react-leaflet';
import { Button, Title, useLocale, useTranslate } from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';
import type {
  CrsOption,
  FieldMap,
  ImportReport,
  ImportSettings,
  LayerSummary,
  Target,
  Upload,
} from './transferProvider';

const TARGETS: Target[] = ['grids', 'villages', 'townships', 'counties'];
const MAP_KEYS: Record<Target, (keyof FieldMap)[]> = {
  counties: ['code', 'name'],
  townships: ['code', 'name', 'parentCode', 'kind'],
  villages: ['code', 'name', 'parentCode', 'kind', 'households', 'population', 'villagerGroups'],
  grids: ['code', 'name', 'parentCode', 'kind', 'households', 'population'],
};
export const STATUS_COLOURS = { NEW: '#2e7d32', UPDATED: '#1565c0', UNCHANGED: '#757575', REFUSED: '#c62828' } as const;
const PARENT_LAYER: Record<Target, Target> = {
  grids: 'villages',
  villages: 'townships',
  townships: 'counties',
  counties: 'counties',
};
const STEPS = ['upload', 'layer', 'mapping', 'preview', 'apply'] as const;

const memoryKey = (upload: Upload, layer: LayerSummary) =>
  `wz.import.map:${upload.driver}:${layer.name}:${[...layer.fields].sort().join(',')}`;

function FitBounds({ data }: { data: GeoJSON.FeatureCollection }) {
  const map = useMap();
  useEffect(() => {
    if (!data.features.length) return;
    const b = L.geoJSON(data).getBounds();
    if (b.isValid()) map.fitBounds(b, { padding: [10, 10] });
  }, [data, map]);
  return null;
}

export function ImportWizard() {
  const translate = useTranslate();
  const locale = useLocale();
  const dp = useWzDataProvider();
  const [step, setStep] = useState(0);
  const [files, setFiles] = useState<File[]>([]);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [upload, setUpload] = useState<Upload | null>(null);
  const [layerName, setLayerName] = useState('');
  const [target, setTarget] = useState<Target>('grids');
  const [crs, setCrs] = useState('');
  const [encoding, setEncoding] = useState('');
  const [towgs84, setTowgs84] = useState('');
  const [map, setMap] = useState<FieldMap>({});
  const [options, setOptions] = useState({ replaceBoundaries: false, trimOverlaps: false, clipToParent: false });
  const [crsOptions, setCrsOptions] = useState<CrsOption[]>([]);
  const [plan, setPlan] = useState<{ report: ImportReport; preview: GeoJSON.FeatureCollection } | null>(null);
  const [current, setCurrent] = useState<GeoJSON.FeatureCollection | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    dp.importCrsOptions()
      .then(setCrsOptions)
      .catch(() => setCrsOptions([]));
  }, [dp]);

  const layer = upload?.layers.find((l) => l.name === layerName) ?? null;
  const settings = (): ImportSettings => ({
    target,
    layer: layerName,
    crs: crs || undefined,
    encoding: encoding || undefined,
    towgs84: towgs84 || undefined,
    map,
    ...options,
  });
  const fail = (e: unknown) => setError((e as Error).message);
  const msg = (m: { zh: string; en: string }) => (locale === 'en' ? m.en : m.zh);

  const doUpload = async () => {
    setBusy(true);
    setError(null);
    setProgress(0);
    try {
      const up = await dp.importUpload(files, setProgress);
      setUpload(up);
      const first = up.layers.find((l) => l.featureCount > 0) ?? up.layers[0]!;
      chooseLayer(up, first);
      setStep(1);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const chooseLayer = (up: Upload, l: LayerSummary) => {
    setLayerName(l.name);
    if (l.suggestedTarget) setTarget(l.suggestedTarget);
    setCrs(l.crs ? '' : (l.crsCandidates[0] ?? ''));
    setEncoding(l.encoding.needed ? (l.encoding.guess ?? '') : '');
    const remembered = localStorage.getItem(memoryKey(up, l));
    setMap(remembered ? (JSON.parse(remembered) as FieldMap) : l.suggestedMap);
  };

  const doPlan = async () => {
    if (!upload || !layer) return;
    setBusy(true);
    setError(null);
    setPlan(null);
    try {
      localStorage.setItem(memoryKey(upload, layer), JSON.stringify(map));
      const p = await dp.importPlan(upload.id, settings());
      setPlan(p);
      setStep(3);
      // The current data of the target around the file, for comparison on the map.
      const b = L.geoJSON(p.preview).getBounds();
      if (b.isValid()) {
        const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(',');
        // The target's records and their parents (a new village's grids show over the village).
        const layers = [...new Set([target, PARENT_LAYER[target]])];
        const collections = await Promise.all(
          layers.map(async (l) => {
            return (await dp.mapGeoJson(l, { bbox }).catch(() => ({ features: [] as GeoJSON.Feature[] }))).features;
          }),
        );
        setCurrent({ type: 'FeatureCollection', features: collections.flat() });
      }
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const doApply = async () => {
    if (!upload) return;
    setBusy(true);
    setError(null);
    setStep(4);
    try {
      setResult(await dp.importApply(upload.id, settings()));
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    if (upload && !result?.applied) dp.importDiscard(upload.id).catch(() => undefined);
    setStep(0);
    setUpload(null);
    setPlan(null);
    setResult(null);
    setFiles([]);
    setCurrent(null);
  };

  const crsChoices = useMemo(() => {
    const first = layer?.crsCandidates ?? [];
    return [
      ...first.map((c) => crsOptions.find((o) => o.code === c)).filter(Boolean),
      ...crsOptions.filter((o) => !first.includes(o.code)),
    ] as CrsOption[];
  }, [layer, crsOptions]);

  return (
    <Card sx={{ mt: 1 }} data-testid="import-wizard">
      <Title title={translate('transfer.import.title')} />
      <CardContent>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((s) => (
            <Step key={s}>
              <StepLabel>{translate(`transfer.import.steps.${s}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {error ? (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="import-error">
            {error}
          </Alert>
        ) : null}
        {busy ? (
          <LinearProgress
            variant={progress !== null ? 'determinate' : 'indeterminate'}
            value={(progress ?? 0) * 100}
            sx={{ mb: 2 }}
            data-testid="import-progress"
          />
        ) : null}

        {step === 0 ? (
          <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
            <Typography variant="body2">{translate('transfer.import.upload_help')}</Typography>
            <input
              ref={fileInput}
              type="file"
              multiple
              hidden
              data-testid="import-file"
              accept=".zip,.shp,.shx,.dbf,.prj,.cpg,.gpkg,.kml,.kmz,.geojson,.json,.dxf,.csv,.xlsx"
              onChange={(e) => setFiles([...(e.target.files ?? [])])}
            />
            <Button label="transfer.import.choose" variant="outlined" onClick={() => fileInput.current?.click()}>
              <UploadFileIcon />
            </Button>
            {files.length ? (
              <Typography variant="body2" data-testid="import-files">
                {files.map((f) => f.name).join('、')}
              </Typography>
            ) : null}
            <Button
              label="transfer.import.upload"
              variant="contained"
              disabled={!files.length || busy}
              onClick={doUpload}
              data-testid="import-upload"
            />
          </Stack>
        ) : null}

        {step === 1 && upload && layer ? (
          <Stack spacing={2} sx={{ maxWidth: 720 }}>
            <Typography variant="body2">
              {translate('transfer.import.driver', { driver: upload.driver, files: upload.files.join('、') })}
            </Typography>
            <FormControl size="small">
              <InputLabel>{translate('transfer.import.layer')}</InputLabel>
              <Select
                label={translate('transfer.import.layer')}
                value={layerName}
                onChange={(e) =>
                  chooseLayer(
                    upload,
                    upload.layers.find((l) => l.name === e.target.value)!,
                  )
                }
              >
                {upload.layers.map((l) => (
                  <MenuItem key={l.name} value={l.name}>
                    {translate('transfer.import.layer_item', {
                      name: l.name,
                      count: l.featureCount,
                      type: l.geometryType,
                    })}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            <FormControl size="small">
              <InputLabel>{translate('transfer.import.target')}</InputLabel>
              <Select
                label={translate('transfer.import.target')}
                value={target}
                onChange={(e) => setTarget(e.target.value as Target)}
                data-testid="import-target"
              >
                {TARGETS.map((t) => (
                  <MenuItem key={t} value={t}>
                    {translate(`transfer.targets.${t}`)}
                  </MenuItem>
                ))}
              </Select>
            </FormControl>
            {layer.crs ? (
              <Alert severity="info" data-testid="import-crs">
                {translate('transfer.import.crs_found', { name: layer.crs.name, epsg: layer.crs.epsg ?? '' })}
              </Alert>
            ) : null}
            {layer.legacyDatum ? (
              <>
                <Alert severity="warning">{translate('transfer.import.legacy', { datum: layer.legacyDatum })}</Alert>
                <MuiTextField
                  size="small"
                  label={translate('transfer.import.towgs84')}
                  value={towgs84}
                  onChange={(e) => setTowgs84(e.target.value)}
                  placeholder="dx,dy,dz,rx,ry,rz,ds"
                />
              </>
            ) : null}
            {!layer.crs || crs ? (
              <FormControl size="small">
                <InputLabel>{translate('transfer.import.crs')}</InputLabel>
                <Select
                  label={translate('transfer.import.crs')}
                  value={crs}
                  onChange={(e) => setCrs(e.target.value)}
                  data-testid="import-crs-select"
                >
                  {layer.crs ? <MenuItem value="">{translate('transfer.import.crs_file')}</MenuItem> : null}
                  {crsChoices.map((c) => (
                    <MenuItem
                      key={c.code}
                      value={c.code}
                    >{`${locale === 'en' ? c.en : c.zh} (${c.code})${layer.crsCandidates[0] === c.code ? ` — ${translate('transfer.import.guessed')}` : ''}`}</MenuItem>
                  ))}
                </Select>
              </FormControl>
            ) : null}
            {layer.encoding.needed && layer.encoding.preview ? (
              <Box data-testid="import-encoding">
                <Typography variant="subtitle2">
                  {translate('transfer.import.encoding', { guess: layer.encoding.guess ?? '' })}
                </Typography>
                <RadioGroup value={encoding} onChange={(e) => setEncoding(e.target.value)}>
                  {(['GBK', 'UTF-8'] as const).map((enc) => (
                    <FormControlLabel
                      key={enc}
                      value={enc}
                      control={<Radio size="small" />}
                      label={`${enc}: ${layer.encoding.preview![enc].slice(0, 3).join('、')}`}
                    />
                  ))}
                </RadioGroup>
              </Box>
            ) : null}
            <Stack direction="row" spacing={1}>
              <Button label="transfer.import.back" onClick={restart} />
              <Button
                label="transfer.import.next"
                variant="contained"
                onClick={() => setStep(2)}
                data-testid="import-next-layer"
              />
            </Stack>
          </Stack>
        ) : null}

        {step === 2 && layer ? (
          <Stack spacing={2} sx={{ maxWidth: 720 }}>
            <Typography variant="body2">{translate('transfer.import.mapping_help')}</Typography>
            {[
              ...MAP_KEYS[target],
              ...(['CSV', 'XLSX'].includes(upload?.driver ?? '') ? (['wkt', 'lng', 'lat'] as const) : []),
            ].map((k) => (
              <FormControl size="small" key={k}>
                <InputLabel>{translate(`transfer.map.${k}`)}</InputLabel>
                <Select
                  label={translate(`transfer.map.${k}`)}
                  value={map[k] ?? ''}
                  data-testid={`import-map-${k}`}
                  onChange={(e) => setMap({ ...map, [k]: e.target.value || undefined })}
                >
                  <MenuItem value="">{translate('transfer.import.unmapped')}</MenuItem>
                  {layer.fields.map((f) => (
                    <MenuItem key={f} value={f}>
                      {f}
                    </MenuItem>
                  ))}
                </Select>
              </FormControl>
            ))}
            {(['replaceBoundaries', 'trimOverlaps', 'clipToParent'] as const).map((o) => (
              <FormControlLabel
                key={o}
                label={translate(`transfer.options.${o}`)}
                control={
                  <Checkbox
                    checked={options[o]}
                    onChange={(e) => setOptions({ ...options, [o]: e.target.checked })}
                    data-testid={`import-option-${o}`}
                  />
                }
              />
            ))}
            <Stack direction="row" spacing={1}>
              <Button label="transfer.import.back" onClick={() => setStep(1)} />
              <Button
                label="transfer.import.check"
                variant="contained"
                onClick={doPlan}
                disabled={busy}
                data-testid="import-check"
              />
            </Stack>
          </Stack>
        ) : null}

        {step === 3 && plan ? (
          <Stack spacing={2}>
            <Stack direction="row" spacing={1} data-testid="import-counts">
              {(Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map((s) => (
                <Chip
                  key={s}
                  label={`${translate(`transfer.status.${s}`)} ${plan.report.counts[s]}`}
                  sx={{ bgcolor: STATUS_COLOURS[s], color: '#fff' }}
                />
              ))}
              <Typography variant="body2" sx={{ alignSelf: 'center' }}>
                {translate('transfer.import.summary', {
                  crs: plan.report.crs,
                  encoding: plan.report.encoding ?? '—',
                  count: plan.report.features,
                })}
              </Typography>
            </Stack>
            <Box sx={{ height: 360, border: '1px solid #ddd' }} data-testid="import-preview-map">
              <MapContainer style={{ height: '100%' }} center={[37.9, 106.2]} zoom={11} attributionControl={false}>
                {current ? (
                  <GeoJSON
                    key={`c${current.features.length}`}
                    data={current}
                    style={() => ({ color: '#999', weight: 1, dashArray: '4', fillOpacity: 0 })}
                  />
                ) : null}
                <GeoJSON
                  key={plan.preview.features.length}
                  data={plan.preview}
                  style={(f) => ({
                    color: STATUS_COLOURS[(f?.properties?.status ?? 'UNCHANGED') as keyof typeof STATUS_COLOURS],
                    weight: 2,
                    fillOpacity: 0.25,
                  })}
                  onEachFeature={(f, l) =>
                    l.bindTooltip(`#${f.properties.index} ${f.properties.name ?? ''} ${f.properties.reason ?? ''}`)
                  }
                />
                <FitBounds data={plan.preview} />
              </MapContainer>
            </Box>
            <Table size="small" data-testid="import-report">
              <TableHead>
                <TableRow>
                  {['index', 'code', 'name', 'parent', 'area', 'status', 'reason'].map((h) => (
                    <TableCell key={h}>{translate(`transfer.report.${h}`)}</TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {[...plan.report.items]
                  .sort((a, b) => Number(b.status === 'REFUSED') - Number(a.status === 'REFUSED'))
                  .slice(0, 200)
                  .map((i) => (
                    <TableRow key={i.index}>
                      <TableCell>{i.index}</TableCell>
                      <TableCell>{i.code ?? '—'}</TableCell>
                      <TableCell>{i.name ?? '—'}</TableCell>
                      <TableCell>{i.parent ?? '—'}</TableCell>
                      <TableCell>{i.areaM2 === null ? '—' : Math.round(i.areaM2).toLocaleString()}</TableCell>
                      <TableCell sx={{ color: STATUS_COLOURS[i.status] }}>
                        {translate(`transfer.status.${i.status}`)}
                      </TableCell>
                      <TableCell>{i.reasons.map(msg).join('；')}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
            {plan.report.counts.REFUSED ? (
              <Alert severity="warning">
                {translate('transfer.import.refused', { count: plan.report.counts.REFUSED })}
              </Alert>
            ) : null}
            <Stack direction="row" spacing={1}>
              <Button label="transfer.import.back" onClick={() => setStep(2)} />
              <Button
                label="transfer.import.apply"
                variant="contained"
                onClick={doApply}
                disabled={
                  busy || plan.report.counts.REFUSED > 0 || plan.report.counts.NEW + plan.report.counts.UPDATED === 0
                }
                data-testid="import-apply"
              />
            </Stack>
          </Stack>
        ) : null}

        {step === 4 ? (
          <Stack spacing={2} sx={{ alignItems: 'flex-start' }}>
            {result ? (
              <Alert severity={result.applied ? 'success' : 'error'} data-testid="import-result">
                {result.applied
                  ? translate('transfer.import.done', {
                      inserted: result.written.inserted,
                      updated: result.written.updated,
                      units: result.written.touchedVillages,
                    })
                  : translate('transfer.import.refused', { count: result.counts.REFUSED })}
              </Alert>
            ) : null}
            <Button label="transfer.import.again" variant="outlined" onClick={restart} disabled={busy} />
          </Stack>
        ) : null}
      </CardContent>
    </Card>
  );
}
