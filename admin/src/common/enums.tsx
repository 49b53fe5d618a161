import { FunctionField, useLocale, useRecordContext, useTranslate, type FunctionFieldProps } from 'react-admin';
import { formatArea, formatPercent } from '../i18n';

export const ENUMS = {
  GridKind: ['VILLAGER_GROUP', 'NATURAL_VILLAGE', 'RESIDENTIAL_COMPOUND', 'BUILDING', 'COMMERCIAL', 'OTHER'],
  VillageKind: ['VILLAGE', 'COMMUNITY'],
  TownshipKind: ['TOWN', 'TOWNSHIP', 'STREET', 'OTHER'],
  Employment: ['FULL_TIME', 'PART_TIME'],
  WorkerSource: ['SENT_DOWN_CADRE', 'SPECIAL_RECRUITMENT', 'PUBLIC_POST', 'OTHER'],
  PartyUnitKind: ['VILLAGE', 'COMMUNITY', 'GRID', 'BUILDING', 'NATURAL_VILLAGE', 'INDUSTRY', 'AGENCY'],
  PartyUnitLevel: ['COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'GROUP'],
  FindingKind: [
    'UNCOVERED_LAND', 'OVERLAP', 'SPILL', 'UNSTAFFED_GRID', 'OVERSIZED_GRID', 'UNDERSIZED_GRID', 'GRID_COUNT_MISMATCH',
    'NO_PARTY_UNIT', 'NO_GRID_PARTY_UNIT',
  ],
  Severity: ['CRITICAL', 'WARNING', 'NOTICE'],
} as const;

export type EnumName = keyof typeof ENUMS;

/** SelectInput choices whose names are translation keys (react-admin translates them). */
export const enumChoices = (name: EnumName) => ENUMS[name].map((id) => ({ id, name: `wz.enums.${name}.${id}` }));

/** An enum value, translated. */
export function EnumField({ source, enumName, ...rest }: { source: string; enumName: EnumName } & Omit<FunctionFieldProps, 'render'>) {
  const translate = useTranslate();
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(r: any) => (r?.[source] ? translate(`wz.enums.${enumName}.${r[source]}`, { _: r[source] }) : '')}
    />
  );
}

/** An area in m² shown as m² or km² for the locale. */
export function AreaField({ source = 'areaM2', ...rest }: { source?: string } & Omit<FunctionFieldProps, 'render' | 'source'>) {
  const translate = useTranslate();
  const locale = useLocale();
  return <FunctionField source={source} {...rest} render={(r: any) => formatArea(r?.[source], locale, translate)} />;
}

export function PercentField({ source, ...rest }: { source: string } & Omit<FunctionFieldProps, 'render' | 'source'>) {
  const locale = useLocale();
  return (
    <FunctionField
      source={source}
      {...rest}
      render={(r: any) => formatPercent(source.split('.').reduce((o: any, k) => (o == null ? o : o[k]), r), locale)}
    />
  );
}

export const SEVERITY_COLOURS: Record<string, string> = { CRITICAL: '#c62828', WARNING: '#ef6c00', NOTICE: '#f9a825' };

export function SeverityField({ source = 'severity' }: { source?: string; label?: string; sortable?: boolean }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const v = record?.[source] as string | undefined;
  if (!v) return null;
  return (
    <span style={{ color: SEVERITY_COLOURS[v] ?? 'inherit', fontWeight: 600 }}>● {translate(`wz.enums.Severity.${v}`, { _: v })}</span>
  );
}
