import AutoFixHighIcon from '@mui/icons-material/AutoFixHigh';
import { Button } from '@mui/material';
import { useEffect, useState } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { BooleanInput, useRecordContext, useTranslate } from 'react-admin';
import { useWzDataProvider } from '../data/useWzDataProvider';

/**
 * Picker labels that tell records of the same name apart (the review found 302 worker names
 * and several village names used more than once): the code of a place, the phone of a person.
 */
export const placeOption = (r: any) => (r ? [r.name, r.code].filter(Boolean).join(' · ') : '');
export const personOption = (r: any) => (r ? [r.name, r.phone].filter(Boolean).join(' · ') : '');

/** The grid form's code: suggests "village code + 3 digits" for the chosen unit (editable), filled in when empty on a new grid. */
export function SuggestCodeButton({ fillWhenEmpty = false }: { fillWhenEmpty?: boolean }) {
  const translate = useTranslate();
  const dataProvider = useWzDataProvider();
  const villageId = useWatch({ name: 'villageId' });
  const { setValue, getValues } = useFormContext();
  const [suggested, setSuggested] = useState<string | null>(null);
  useEffect(() => {
    if (!villageId) return;
    let live = true;
    dataProvider.suggestGridCode(String(villageId)).then(
      (c) => {
        if (!live) return;
        setSuggested(c);
        if (c && fillWhenEmpty && !getValues('code')) setValue('code', c, { shouldDirty: true });
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [villageId, fillWhenEmpty, getValues, setValue, dataProvider]);
  if (!suggested) return null;
  return (
    <Button
      size="small"
      startIcon={<AutoFixHighIcon />}
      onClick={() => setValue('code', suggested, { shouldDirty: true })}
      data-testid="suggest-code"
      title={translate('wz.codes.suggested')}
      sx={{ alignSelf: 'flex-start', mt: -1, mb: 1 }}
    >
      {translate('wz.codes.suggest')}：{suggested}
    </Button>
  );
}

/** The current party unit of the grid being edited, as the picker's starting value. */
export function useCurrentPartyUnitId(): string | undefined {
  const record = useRecordContext<any>();
  return record?.partyUnit?.id ?? undefined;
}

/** Villages and communities whose covered share is below 100 % (the list then sorts worst first by coverage). */
export const notFullyCoveredFilter = (
  <BooleanInput key="notFullyCovered" source="notFullyCovered" label="wz.codes.not_fully_covered_label" />
);
