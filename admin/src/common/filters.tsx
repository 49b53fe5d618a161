import { placeOption } from './pickers';
import {
  AutocompleteInput, BooleanInput, ReferenceInput, SearchInput, SelectInput, useTranslate,
  type SearchInputProps,
} from 'react-admin';
import { enumChoices, type EnumName } from './enums';

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
  <BooleanInput key="hasWorker" source="hasWorker" label="wz.filters.has_no_worker" format={(v) => v === false} parse={(v) => (v ? false : undefined)} />
);

/** "Over 500 households": minHouseholds=501. */
export const over500Filter = (
  <BooleanInput key="minHouseholds" source="minHouseholds" label="wz.filters.over_500" format={(v) => v === 501} parse={(v) => (v ? 501 : undefined)} />
);

export const noPartyUnitFilter = (
  <BooleanInput key="hasPartyUnit" source="hasPartyUnit" label="wz.filters.no_party_unit" format={(v) => v === false} parse={(v) => (v ? false : undefined)} />
);

