import { Button, MenuItem, TextField } from '@mui/material';
import { useEffect, useMemo, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { useParams, useSearchParams } from 'react-router-dom';
import 'leaflet/dist/leaflet.css';
import { formatArea, formatNumber } from '../i18n';
import { NorthArrow, PALETTE, PrintMap } from './PrintMap';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { byCodeThenName, useVillageForPrint, type PrintGrid, type PrintWorker } from './usePrintData';
import './print.css';

declare global {
  interface Window {
    /** Set when a print view has drawn its map (read by the browser tests). */
    __wzPrintReady?: { kind: 'grid' | 'village'; id: string; grids: number };
  }
}

type Paper = 'A4' | 'A3';
/** Landscape page size in mm, minus margins. */
const PAGE: Record<Paper, { w: number; h: number }> = { A4: { w: 297, h: 210 }, A3: { w: 420, h: 297 } };
const MARGIN = 10;

function PageStyle({ paper, landscape }: { paper: Paper; landscape: boolean }) {
  return <style>{`@page { size: ${paper} ${landscape ? 'landscape' : 'portrait'}; margin: ${MARGIN}mm; }`}</style>;
}

const activeWorkers = (g: PrintGrid) => g.workers.filter((w) => w.active);
const workerLine = (w: Pick<PrintWorker, 'name' | 'phone'>) => `${w.name}${w.phone ? ` ${w.phone}` : ''}`;

function Toolbar({ paper, setPaper }: { paper?: Paper; setPaper?(p: Paper): void }) {
  const translate = useTranslate();
  return (
    <div className="wz-print-toolbar">
      <Button variant="contained" onClick={() => window.print()} data-testid="print-button">
        {translate('wz.print.print')}
      </Button>
      {paper && setPaper ? (
        <TextField
          select
          size="small"
          label={translate('wz.print.paper')}
          value={paper}
          onChange={(e) => setPaper(e.target.value as Paper)}
          sx={{ width: 140 }}
        >
          <MenuItem value="A4">A4 横向</MenuItem>
          <MenuItem value="A3">A3 横向</MenuItem>
        </TextField>
      ) : null}
    </div>
  );
}

/** 网格公示图: one village or community, A4/A3 landscape, every grid labelled, legend, workers and phones, scale bar, north arrow. */
export function PrintVillageMap() {
  const { id } = useParams();
  const [params, setParams] = useSearchParams();
  const paper: Paper = params.get('paper') === 'A3' ? 'A3' : 'A4';
  const translate = useTranslate();
  const locale = useLocale();
  const { village, error } = useVillageForPrint(id);
  const grids = useMemo(() => [...(village?.grids ?? [])].sort(byCodeThenName), [village]);
  const t = (k: string, o?: object) => translate(`wz.print.${k}`, o);
  if (error)
    return (
      <div className="wz-print" style={{ padding: 16 }}>
        {error}
      </div>
    );
  if (!village)
    return (
      <div className="wz-print" style={{ padding: 16 }}>
        …
      </div>
    );
  const { w, h } = PAGE[paper];
  const innerW = w - 2 * MARGIN;
  const innerH = h - 2 * MARGIN;
  const place = [village.township?.county?.name, village.township?.name].filter(Boolean).join(' · ');
  return (
    <>
      <PageStyle paper={paper} landscape />
      <Toolbar paper={paper} setPaper={(p) => setParams({ paper: p })} />
      <div
        className="wz-print"
        data-testid="print-village"
        style={{
          width: `${innerW}mm`,
          height: `${innerH}mm`,
          margin: '0 auto',
          display: 'flex',
          flexDirection: 'column',
          boxSizing: 'border-box',
        }}
      >
        <h1>{t('map_title', { name: village.name })}</h1>
        <div style={{ fontSize: '9pt', textAlign: 'center', marginTop: '-3mm', marginBottom: '2mm' }}>
          {place} · {village.code}
        </div>
        <div style={{ display: 'flex', gap: '4mm', flex: 1, minHeight: 0 }}>
          <div className="wz-print-map" style={{ flex: 1.7 }}>
            <PrintMap
              unit={village.geometry}
              grids={grids}
              onReady={() => {
                window.__wzPrintReady = { kind: 'village', id: String(village.id), grids: grids.length };
              }}
            />
            <NorthArrow label={t('north')} />
            <div className="wz-legend" data-testid="print-legend">
              <div style={{ fontWeight: 700 }}>{t('legend')}</div>
              <div>
                <i style={{ borderTop: '0.6mm dashed #000', height: 0 }} />
                {t('boundary')}
              </div>
              <div>
                <i style={{ background: PALETTE[0], border: '0.3mm solid #1e3a8a' }} />
                {t('grid')}（{grids.length}）
              </div>
            </div>
          </div>
          <div style={{ flex: 1, overflow: 'hidden' }}>
            <table data-testid="print-grid-table">
              <thead>
                <tr>
                  <th>{t('name')}</th>
                  <th>{t('code')}</th>
                  <th>
                    {t('leader')} / {t('phone')}
                  </th>
                  <th>
                    {t('workers')} / {t('phone')}
                  </th>
                  <th>{t('households')}</th>
                </tr>
              </thead>
              <tbody>
                {grids.map((g, i) => (
                  <tr key={g.id}>
                    <td>
                      <i
                        style={{
                          display: 'inline-block',
                          width: '3mm',
                          height: '3mm',
                          background: PALETTE[i % PALETTE.length],
                          border: '0.3mm solid #1e3a8a',
                          marginRight: '1mm',
                        }}
                      />
                      {g.name}
                    </td>
                    <td style={{ whiteSpace: 'nowrap' }}>{g.code ?? t('none')}</td>
                    <td data-testid="print-leader">{g.leader ? workerLine(g.leader) : t('none')}</td>
                    <td>
                      {activeWorkers(g)
                        .filter((w) => w.id !== g.leader?.id)
                        .map(workerLine)
                        .join('；') || t('none')}
                    </td>
                    <td style={{ textAlign: 'right' }}>{formatNumber(g.households, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="wz-footer">
          <span>
            {t('area')} {formatArea(village.areaM2, locale, translate)} · {t('households')}{' '}
            {formatNumber(village.households, locale)}
          </span>
          <span>{t('generated', { date: new Date().toLocaleDateString('zh-CN') })}</span>
        </div>
      </div>
    </>
  );
}

/** 网格信息卡: one grid (name, code, map, 网格长/网格员 with phones, households, party organisation), A4 portrait. */
export function PrintGridCard() {
  const { id } = useParams();
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useWzDataProvider();
  const [villageId, setVillageId] = useState<string | undefined>();
  const [err, setErr] = useState<string | null>(null);
  useEffect(() => {
    if (id)
      dataProvider
        .gridVillageId(id)
        .then(setVillageId)
        .catch((e) => setErr((e as Error).message));
  }, [id, dataProvider]);
  const { village, error } = useVillageForPrint(villageId);
  const t = (k: string, o?: object) => translate(`wz.print.${k}`, o);
  const grid = village?.grids.find((g) => String(g.id) === String(id));
  if (err || error)
    return (
      <div className="wz-print" style={{ padding: 16 }}>
        {err ?? error}
      </div>
    );
  if (!village || !grid)
    return (
      <div className="wz-print" style={{ padding: 16 }}>
        …
      </div>
    );
  // The 网格长 is the grid's own choice (Grid.leader); without one the line is left to fill in by hand.
  const leader = grid.leader;
  const workers = activeWorkers(grid).filter((w) => w.id !== leader?.id);
  return (
    <>
      <PageStyle paper="A4" landscape={false} />
      <Toolbar />
      <div
        className="wz-print"
        data-testid="print-grid"
        style={{
          width: '180mm',
          margin: '0 auto',
          border: '0.6mm solid #111',
          padding: '6mm',
          boxSizing: 'border-box',
        }}
      >
        <h1>{t('card_title')}</h1>
        <table>
          <tbody>
            <tr>
              <th>{t('name')}</th>
              <td style={{ fontSize: '13pt', fontWeight: 700 }}>{grid.name}</td>
              <th>{t('code')}</th>
              <td>{grid.code ?? t('none')}</td>
            </tr>
            <tr>
              <th>{t('village')}</th>
              <td colSpan={3}>
                {[village.township?.county?.name, village.township?.name, village.name].filter(Boolean).join(' ')}
              </td>
            </tr>
            <tr>
              <th>{t('leader')}</th>
              <td colSpan={3} data-testid="card-leader">
                {leader ? workerLine(leader) : '\u00a0'}
              </td>
            </tr>
            <tr>
              <th>{t('workers')}</th>
              <td colSpan={3} data-testid="card-workers">
                {workers.map(workerLine).join('；') || t('none')}
              </td>
            </tr>
            <tr>
              <th>{t('households')}</th>
              <td>{formatNumber(grid.households, locale)}</td>
              <th>{t('population')}</th>
              <td>{formatNumber(grid.population, locale)}</td>
            </tr>
            <tr>
              <th>{t('party_unit')}</th>
              <td>{grid.partyUnit?.name ?? t('none')}</td>
              <th>{t('area')}</th>
              <td>{formatArea(grid.areaM2, locale, translate)}</td>
            </tr>
          </tbody>
        </table>
        <div className="wz-print-map" style={{ height: '110mm', marginTop: '4mm' }}>
          <PrintMap
            unit={village.geometry}
            grids={village.grids}
            highlight={String(grid.id)}
            onReady={() => {
              window.__wzPrintReady = { kind: 'grid', id: String(grid.id), grids: 1 };
            }}
          />
          <NorthArrow label={t('north')} />
        </div>
        <div className="wz-footer">
          <span>{village.name}</span>
          <span>{t('generated', { date: new Date().toLocaleDateString('zh-CN') })}</span>
        </div>
      </div>
    </>
  );
}
