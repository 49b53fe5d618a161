import { Box } from '@mui/material';
import {
  AutocompleteArrayInput,
  AutocompleteInput,
  NumberInput,
  ReferenceArrayInput,
  ReferenceInput,
  SelectInput,
  TextInput,
  required,
  useGetMany,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { enumChoices } from '../common/enums';
import { personOption, placeOption, SuggestCodeButton, useCurrentPartyUnitId } from '../common/pickers';

/** 网格长: chosen among the workers picked above (the server refuses anyone else). */
function LeaderInput() {
  const workerIds = (useWatch({ name: 'workerIds' }) as string[] | undefined) ?? [];
  const { data: workers } = useGetMany('grid-workers', { ids: workerIds }, { enabled: workerIds.length > 0 });
  const choices = workerIds.length
    ? (workers ?? []).map((w: any) => ({ id: String(w.id), name: personOption(w) }))
    : [];
  return (
    <SelectInput
      source="leaderId"
      choices={choices}
      emptyText="—"
      disabled={!workerIds.length}
      parse={(v: string) => v || null}
      slotProps={{ htmlInput: { 'data-testid': 'grid-leader' } } as any}
    />
  );
}

/**
 * The grid's attributes as react-admin inputs: the one grid form, used by the grids resource's
 * create and edit pages and by the map (drawing, filling a gap). With `fixedVillage` the unit is
 * known (the map's) and not asked for.
 */
export function GridAttributeInputs({
  creating = false,
  fixedVillage = false,
  withPartyUnit = true,
  autoFocus = false,
}: {
  creating?: boolean;
  fixedVillage?: boolean;
  withPartyUnit?: boolean;
  autoFocus?: boolean;
}) {
  const partyUnitId = useCurrentPartyUnitId();
  return (
    <>
      <TextInput
        source="name"
        validate={required()}
        autoFocus={autoFocus}
        slotProps={{ htmlInput: { 'data-testid': 'draw-name' } } as any}
      />
      <TextInput source="code" slotProps={{ htmlInput: { 'data-testid': 'draw-code' } } as any} />
      <SuggestCodeButton fillWhenEmpty={creating} />
      <SelectInput source="kind" choices={enumChoices('GridKind')} emptyText="—" />
      {fixedVillage ? null : (
        <ReferenceInput source="villageId" reference="villages">
          <AutocompleteInput optionText={placeOption} filterToQuery={(q: string) => ({ q })} validate={required()} />
        </ReferenceInput>
      )}
      <Box sx={{ display: 'flex', gap: 1, width: '100%' }}>
        <NumberInput
          source="households"
          min={0}
          sx={{ flex: 1 }}
          slotProps={{ htmlInput: { 'data-testid': 'draw-households' } } as any}
        />
        <NumberInput source="population" min={0} sx={{ flex: 1 }} />
      </Box>
      <ReferenceArrayInput source="workerIds" reference="grid-workers">
        <AutocompleteArrayInput optionText={personOption} filterToQuery={(q: string) => ({ q })} />
      </ReferenceArrayInput>
      <LeaderInput />
      {withPartyUnit ? (
        <Box data-testid="draw-party-unit" sx={{ width: '100%' }}>
          <ReferenceInput source="partyUnitId" reference="party-units">
            <AutocompleteInput
              optionText={placeOption}
              filterToQuery={(q: string) => ({ q })}
              defaultValue={partyUnitId}
              label="resources.grids.fields.partyUnit"
            />
          </ReferenceInput>
        </Box>
      ) : null}
    </>
  );
}
