import { FunctionField, useLocale, useRecordContext, useTranslate, type FunctionFieldProps } from 'react-admin';
import { formatArea, formatPercent } from '../i18n';
import {
  Employment,
  FindingKind,
  GridKind,
  PartyUnitKind,
  PartyUnitLevel,
  Severity,
  TownshipKind,
  VillageKind,
  WorkerSource,
} from '../generated/graphql';

/** The schema's enums (generated from schema/schema.graphql: npm run codegen), by name. */
export const ENUMS = {
  GridKind,
  VillageKind,
  TownshipKind,
  Employment,
  WorkerSource,
  PartyUnitKind,
  PartyUnitLevel,
  FindingKind,
  Severity,
} as const;

export type EnumName = keyof typeof ENUMS;

/** SelectInput choices whose names are translation keys (react-admin translates them). */
export const enumChoices = (name: EnumName) =>
  Object.values(ENUMS[name]).map((id: string) => ({ id, name: `wz.enums.${name}.${id}` }));

/** An enum value, translated. */
export function EnumField({
  source,
  enumName,
  ...rest
}: { source: string; enumName: EnumName } & Omit<FunctionFieldProps, 'render'>) {
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
export function AreaField({
  source = 'areaM2',
  ...rest
}: { source?: string } & Omit<FunctionFieldProps, 'render' | 'source'>) {
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
      render={(r: any) =>
        formatPercent(
          source.split('.').reduce((o: any, k) => (o == null ? o : o[k]), r),
          locale,
        )
      }
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
    <span style={{ color: SEVERITY_COLOURS[v] ?? 'inherit', fontWeight: 600 }}>
      ● {translate(`wz.enums.Severity.${v}`, { _: v })}
    </span>
  );
}
