import { Box, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useLocale, useTranslate } from 'react-admin';
import { useCoverageRules } from '../common/useCoverageRules';
import { useWzDataProvider } from '../data/useWzDataProvider';
import { formatNumber, formatPercent } from '../i18n';

export interface Series {
  key: string;
  label: string;
  colour: string;
  values: (number | null)[];
}

/**
 * A small SVG line chart: days along x, one or more series on a shared y axis from 0.
 * `firstReal`: the index from which points are real snapshots (before it: generated, drawn dashed).
 */
export function TrendChart({
  days,
  series,
  format,
  firstReal,
  testId,
  height = 160,
}: {
  days: string[];
  series: Series[];
  format: (v: number) => string;
  firstReal?: number;
  testId?: string;
  height?: number;
}) {
  const width = 560;
  const pad = { l: 56, r: 12, t: 10, b: 22 };
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1e-9, ...all);
  const min = Math.min(0, ...all);
  const x = (i: number) => pad.l + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - (v - min) / (max - min || 1)) * (height - pad.t - pad.b);
  const path = (values: (number | null)[], from: number, to: number) =>
    values
      .slice(from, to + 1)
      .map((v, k) => (v === null ? '' : `${k === 0 ? 'M' : 'L'}${x(from + k).toFixed(1)},${y(v).toFixed(1)}`))
      .join(' ');
  const split = firstReal ?? days.length;
  const years = days
    .map((d, i) => [d, i] as const)
    .filter(([d], i) => i === 0 || d.slice(0, 4) !== days[i - 1]!.slice(0, 4));
  return (
    <Box data-testid={testId}>
      <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" style={{ maxWidth: width, display: 'block' }}>
        <line x1={pad.l} x2={width - pad.r} y1={y(min)} y2={y(min)} stroke="#999" strokeWidth={0.8} />
        <line x1={pad.l} x2={width - pad.r} y1={y(max)} y2={y(max)} stroke="#eee" strokeWidth={0.8} />
        <text x={pad.l - 4} y={y(max) + 4} fontSize={10} textAnchor="end" fill="#666">
          {format(max)}
        </text>
        <text x={pad.l - 4} y={y(min) + 4} fontSize={10} textAnchor="end" fill="#666">
          {format(min)}
        </text>
        {years.map(([d, i]) => (
          <g key={d}>
            <line x1={x(i)} x2={x(i)} y1={pad.t} y2={height - pad.b} stroke="#f0f0f0" />
            <text x={x(i)} y={height - 6} fontSize={10} textAnchor="middle" fill="#666">
              {d.slice(0, 4)}
            </text>
          </g>
        ))}
        {split > 0 && split < days.length ? (
          <line x1={x(split)} x2={x(split)} y1={pad.t} y2={height - pad.b} stroke="#90a4ae" strokeDasharray="3 3" />
        ) : null}
        {series.map((s) => (
          <g key={s.key} data-series={s.key}>
            {split > 0 ? (
              <path
                d={path(s.values, 0, Math.min(split, days.length - 1))}
                fill="none"
                stroke={s.colour}
                strokeWidth={1.6}
                strokeDasharray="5 3"
              />
            ) : null}
            {split < days.length ? (
              <path
                d={path(s.values, Math.max(0, split - 1), days.length - 1)}
                fill="none"
                stroke={s.colour}
                strokeWidth={2.2}
              />
            ) : null}
            {s.values.length ? (
              <circle cx={x(s.values.length - 1)} cy={y(s.values.at(-1) ?? 0)} r={2.5} fill={s.colour} />
            ) : null}
          </g>
        ))}
      </svg>
      <Stack direction="row" spacing={2} sx={{ flexWrap: 'wrap', pl: 1 }}>
        {series.map((s) => (
          <Typography key={s.key} variant="caption" sx={{ color: s.colour }}>
            ━ {s.label}: {s.values.length && s.values[0] !== null ? format(s.values[0]!) : '—'} →{' '}
            {s.values.at(-1) != null ? format(s.values.at(-1)!) : '—'}
          </Typography>
        ))}
      </Stack>
    </Box>
  );
}

interface Point {
  day: string;
  coveredShare: number | null;
  grids: number;
  workers: number;
  unstaffedGrids: number;
  oversizedCritical: number;
  generated: boolean;
  findingsBySeverity: { severity: string; count: number }[];
}

/** The coverage of a scope (city, county, township or unit) over time, from coverageHistory. */
export function CoverageTrend({
  scope,
  title,
}: {
  scope?: { countyId?: string; townshipId?: string; villageId?: string };
  title?: string;
}) {
  const translate = useTranslate();
  const locale = useLocale();
  const rules = useCoverageRules();
  const dataProvider = useWzDataProvider();
  const [points, setPoints] = useState<Point[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(scope ?? {});
  useEffect(() => {
    let live = true;
    dataProvider.coverageHistory(scope ?? null).then(
      (p) => live && setPoints(p),
      (e) => live && setError(String(e.message ?? e)),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const t = (k: string) => translate(`wz.trend.${k}`);
  const days = points?.map((p) => p.day) ?? [];
  const firstReal = points
    ? Math.max(
        0,
        points.findIndex((p) => !p.generated),
      )
    : 0;
  const hasGenerated = points?.some((p) => p.generated);
  const crit = (p: Point) => p.findingsBySeverity.find((s) => s.severity === 'CRITICAL')?.count ?? 0;
  return (
    <Card data-testid="trend-card">
      <CardHeader title={title ?? t('title')} subheader={hasGenerated ? t('generated_note') : undefined} />
      <CardContent>
        {error ? (
          <Typography color="error" variant="body2">
            {error}
          </Typography>
        ) : null}
        {points && !points.length ? <Typography variant="body2">{t('empty')}</Typography> : null}
        {points && points.length ? (
          <Stack spacing={2}>
            <TrendChart
              testId="trend-chart"
              days={days}
              firstReal={hasGenerated ? firstReal : undefined}
              series={[
                {
                  key: 'share',
                  label: t('covered_share'),
                  colour: '#2e7d32',
                  values: points.map((p) => p.coveredShare),
                },
              ]}
              format={(v) => formatPercent(v, locale)}
            />
            <TrendChart
              testId="trend-chart-counts"
              days={days}
              firstReal={hasGenerated ? firstReal : undefined}
              series={[
                { key: 'grids', label: t('grids'), colour: '#1565c0', values: points.map((p) => p.grids) },
                { key: 'workers', label: t('workers'), colour: '#6a1b9a', values: points.map((p) => p.workers) },
              ]}
              format={(v) => formatNumber(v, locale)}
            />
            <TrendChart
              testId="trend-chart-gaps"
              days={days}
              firstReal={hasGenerated ? firstReal : undefined}
              series={[
                {
                  key: 'unstaffed',
                  label: t('unstaffed'),
                  colour: '#c62828',
                  values: points.map((p) => p.unstaffedGrids),
                },
                {
                  key: 'oversized',
                  label: translate('wz.trend.oversized', { critical: rules?.communityGridCriticalHouseholds ?? '…' }),
                  colour: '#ef6c00',
                  values: points.map((p) => p.oversizedCritical),
                },
                { key: 'critical', label: t('critical'), colour: '#37474f', values: points.map(crit) },
              ]}
              format={(v) => formatNumber(v, locale)}
            />
          </Stack>
        ) : null}
      </CardContent>
    </Card>
  );
}
