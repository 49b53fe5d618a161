import CloseIcon from '@mui/icons-material/Close';
import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import {
  Box,
  Chip,
  CircularProgress,
  Divider,
  IconButton,
  Link as MuiLink,
  Paper,
  Stack,
  Typography,
} from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { formatArea, formatNumber, formatPercent } from '../i18n';
import { unitResource } from '../resources';
import type { Selection } from './MapContext';
import { SEVERITY_STROKE } from './style';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack direction="row" spacing={2} sx={{ py: 0.4, justifyContent: 'space-between' }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div" sx={{ textAlign: 'right' }}>
        {children}
      </Typography>
    </Stack>
  );
}

/** The side panel's width: narrow enough to leave most of a 1440×900 map in view (review finding 13). */
export const SIDE_PANEL_WIDTH = 288;

/** The side panel: the clicked shape's figures and links to its records; it folds to its title. */
export function SidePanel({
  selection,
  onClose,
  actions,
  refreshKey,
}: {
  selection: Selection;
  onClose(): void;
  actions?: ReactNode;
  refreshKey?: number;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const dataProvider = useWzDataProvider();
  const [details, setDetails] = useState<Record<string, any> | null>(null);
  const [loading, setLoading] = useState(false);
  const [folded, setFolded] = useState(false);
  const p = selection.feature?.properties ?? {};

  useEffect(() => {
    let live = true;
    setDetails(null);
    setLoading(true);
    const layer = selection.layer;
    const details =
      layer === 'grids' || layer === 'villages' || layer === 'counties' || layer === 'townships'
        ? dataProvider.selectionDetails(layer, selection.id)
        : Promise.resolve(null);
    details
      .then((d) => live && setDetails(d))
      .catch(() => live && setDetails(null))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [selection.layer, selection.id, refreshKey, dataProvider]);

  const t = (k: string) => translate(`wz.map.panel.${k}`);
  const num = (v: unknown) => formatNumber(typeof v === 'number' ? v : null, locale);
  const name = details?.name ?? p.name;
  const recordLink = (resource: string, id: string, label?: string) => (
    <MuiLink component={Link} to={`/${resource}/${id}/show`}>
      {label ?? t('open_record')}
    </MuiLink>
  );

  let title: string = name ?? '';
  let subtitle = translate(`wz.map.layer.${selection.layer}`);
  let body: ReactNode = null;
  let links: ReactNode = null;

  if (selection.layer === 'grids') {
    const activeWorkers = details?.workers ? details.workers.filter((w: any) => w.active).length : p.workers;
    const severity = p.severity as string | null;
    subtitle = details?.village?.name ?? subtitle;
    body = (
      <>
        <Row label={t('code')}>{details?.code ?? p.code ?? '—'}</Row>
        <Row label={t('kind')}>
          {translate(`wz.enums.GridKind.${details?.kind ?? p.kind}`, { _: details?.kind ?? p.kind ?? '—' })}
        </Row>
        <Row label={t('households')}>{num(details?.households ?? p.households)}</Row>
        <Row label={t('leader')}>
          <span data-testid="panel-leader">
            {details?.leader ? [details.leader.name, details.leader.phone].filter(Boolean).join(' · ') : t('none')}
          </span>
        </Row>
        <Row label={t('workers')}>{num(activeWorkers)}</Row>
        <Row label={t('party_unit')}>{details?.partyUnit?.name ?? p.partyUnit ?? t('none')}</Row>
        <Row label={t('area')}>{formatArea(details?.areaM2, locale, translate)}</Row>
        <Row label={t('severity')}>
          {severity ? (
            <Chip
              size="small"
              label={translate(`wz.enums.Severity.${severity}`)}
              sx={{ bgcolor: SEVERITY_STROKE[severity], color: '#fff' }}
            />
          ) : (
            translate('wz.map.no_finding')
          )}
        </Row>
        {details?.findings?.length ? <Findings findings={details.findings} /> : null}
      </>
    );
    links = (
      <>
        {recordLink('grids', selection.id)}
        {details?.village
          ? recordLink(unitResource(details.village.kind), details.village.id, details.village.name)
          : null}
        <MuiLink href={`/print/grid/${selection.id}`} target="_blank" data-testid="print-grid-link">
          {translate('wz.print.grid_card')}
        </MuiLink>
      </>
    );
  } else if (selection.layer === 'villages') {
    const share = details?.coverage?.coveredShare ?? p.coveredShare;
    const uncovered = details?.coverage?.uncoveredM2 ?? p.uncoveredM2;
    subtitle = `${translate(`wz.enums.VillageKind.${details?.kind ?? p.kind}`, { _: '' })}${details?.township ? ` · ${details.township.name}` : ''}`;
    body = (
      <>
        <Row label={t('code')}>{details?.code ?? p.code ?? '—'}</Row>
        <Row label={t('households')}>{num(details?.households ?? p.households)}</Row>
        <Row label={translate('resources.grids.name', { smart_count: 2 })}>{num(details?.grids?.length)}</Row>
        <Row label={t('party_unit')}>{details?.partyUnits?.map((u: any) => u.name).join('、') || t('none')}</Row>
        <Row label={t('covered_share')}>{formatPercent(share, locale)}</Row>
        <Row label={t('uncovered')}>{formatArea(uncovered, locale, translate)}</Row>
        {typeof p.findings === 'number' ? <Row label={t('findings')}>{num(p.findings)}</Row> : null}
        <Row label={t('area')}>{formatArea(details?.areaM2, locale, translate)}</Row>
      </>
    );
    links = (
      <>
        {recordLink(unitResource(details?.kind ?? p.kind), selection.id)}
        <MuiLink href={`/print/village/${selection.id}`} target="_blank" data-testid="print-village-link">
          {translate('wz.print.village_map')}
        </MuiLink>
      </>
    );
  } else if (selection.layer === 'counties' || selection.layer === 'townships') {
    const c = details?.coverage;
    body = (
      <>
        <Row label={t('code')}>{details?.code ?? p.code ?? '—'}</Row>
        <Row label={t('covered_share')}>{formatPercent(c?.coveredShare ?? p.coveredShare, locale)}</Row>
        {c ? <Row label={t('uncovered')}>{formatArea(c.uncoveredM2, locale, translate)}</Row> : null}
        {c ? <Row label={t('households')}>{num(c.households)}</Row> : null}
        <Row label={t('area')}>{formatArea(details?.areaM2, locale, translate)}</Row>
      </>
    );
    links = recordLink(selection.layer, selection.id);
  } else if (selection.layer === 'uncovered') {
    title = t('gap');
    body = <Row label={t('area')}>{formatArea(p.areaM2, locale, translate)}</Row>;
    links = p.villageId ? recordLink('villages', String(p.villageId), t('village')) : null;
  } else if (selection.layer === 'overlaps') {
    title = t('overlap');
    body = <Row label={t('area')}>{formatArea(p.areaM2, locale, translate)}</Row>;
    links = (
      <>
        {p.gridAId ? recordLink('grids', String(p.gridAId), t('grid_a')) : null}
        {p.gridBId ? recordLink('grids', String(p.gridBId), t('grid_b')) : null}
      </>
    );
  }

  return (
    <Paper
      elevation={4}
      data-testid="map-side-panel"
      data-folded={folded ? 'true' : undefined}
      sx={{
        width: SIDE_PANEL_WIDTH,
        maxHeight: '100%',
        alignSelf: 'flex-start',
        overflow: 'auto',
        p: 1.5,
        boxSizing: 'border-box',
      }}
    >
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start' }}>
        <Box>
          <Typography variant="h6" data-testid="map-side-panel-title" sx={{ lineHeight: 1.3 }}>
            {title}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {subtitle}
          </Typography>
        </Box>
        <Stack direction="row">
          <IconButton
            size="small"
            onClick={() => setFolded((f) => !f)}
            aria-label={t(folded ? 'unfold' : 'fold')}
            title={t(folded ? 'unfold' : 'fold')}
            data-testid="side-panel-fold"
          >
            {folded ? <ExpandMoreIcon fontSize="small" /> : <ExpandLessIcon fontSize="small" />}
          </IconButton>
          <IconButton size="small" onClick={onClose} aria-label={t('close')}>
            <CloseIcon fontSize="small" />
          </IconButton>
        </Stack>
      </Stack>
      {folded ? null : (
        <>
          <Divider sx={{ my: 1 }} />
          {body}
          {loading ? <CircularProgress size={16} sx={{ mt: 1 }} /> : null}
          <Divider sx={{ my: 1 }} />
          <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap' }}>
            {links}
          </Stack>
          {actions}
        </>
      )}
    </Paper>
  );
}

function Findings({ findings }: { findings: any[] }) {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="subtitle2">{translate('wz.map.panel.findings')}</Typography>
      {findings.slice(0, 8).map((f) => (
        <Typography key={f.id} variant="body2" sx={{ color: SEVERITY_STROKE[f.severity] }}>
          • {(locale === 'en' ? f.messageEn : f.messageZh) ?? translate(`wz.enums.FindingKind.${f.kind}`)}
        </Typography>
      ))}
    </Box>
  );
}
