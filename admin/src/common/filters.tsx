import { placeOption } from './pickers';
import {
  AutocompleteInput,
  BooleanInput,
  ReferenceInput,
  SearchInput,
  SelectInput,
  useTranslate,
  type SearchInputProps,
} from 'react-admin';
import type { ReactElement } from 'react';
import { enumChoices, type EnumName } from './enums';
import { useCoverageRules } from './useCoverageRules';

/** The filters users expect, shared by the lists. */
/** react-admin does not translate a SearchInput's placeholder: do it here. */
function SearchFilter(props: SearchInputProps) {
  const translate = useTranslate();
  return <SearchInput {...props} placeholder={translate('wz.filters.search')} />;
}

export const searchFilter = <SearchFilter key="q" source="q" alwaysOn />;

export const countyFilter = (
  <ReferenceInput key="countyId" source="countyId" reference="counties" alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 180 }} />
  </ReferenceInput>
);

export const townshipFilter = (
  <ReferenceInput key="townshipId" source="townshipId" reference="townships" alwaysOn>
    <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 180 }} />
  </ReferenceInput>
);

export const villageFilter = (
  <ReferenceInput key="villageId" source="villageId" reference="villages">
    <AutocompleteInput optionText={placeOption} filterToQuery={(q: string) => ({ q })} sx={{ minWidth: 180 }} />
  </ReferenceInput>
);

export const enumFilter = (source: string, enumName: EnumName, alwaysOn = false) => (
  <SelectInput key={source} source={source} choices={enumChoices(enumName)} alwaysOn={alwaysOn} />
);

/** "Has no worker": hasWorker=false. */
export const noWorkerFilter = (
  <BooleanInput
    key="hasWorker"
    source="hasWorker"
    label="wz.filters.has_no_worker"
    format={(v) => v === false}
    parse={(v) => (v ? false : undefined)}
  />
);

/** "Over N households", N the rules' community grid maximum (an element: the filter menu shows it too). */
function OverMaxHouseholdsLabel() {
  const translate = useTranslate();
  const rules = useCoverageRules();
  return <>{translate('wz.filters.over_max_households', { max: rules?.communityGridMaxHouseholds ?? '…' })}</>;
}

/** The filter minHouseholds = N + 1; off until the rules have arrived. */
function OverMaxHouseholdsInput({ source, label }: { source: string; label: ReactElement }) {
  const rules = useCoverageRules();
  const over = rules ? rules.communityGridMaxHouseholds + 1 : undefined;
  return (
    <BooleanInput
      source={source}
      label={label}
      format={(v) => over !== undefined && v === over}
      parse={(v) => (v && over !== undefined ? over : undefined)}
    />
  );
}
export const overMaxHouseholdsFilter = (
  <OverMaxHouseholdsInput key="minHouseholds" source="minHouseholds" label={<OverMaxHouseholdsLabel />} />
);

export const noPartyUnitFilter = (
  <BooleanInput
    key="hasPartyUnit"
    source="hasPartyUnit"
    label="wz.filters.no_party_unit"
    format={(v) => v === false}
    parse={(v) => (v ? false : undefined)}
  />
);
