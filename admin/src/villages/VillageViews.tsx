import type { VillageKind } from '../generated/graphql';
import {
  AutocompleteInput,
  Create,
  Datagrid,
  Edit,
  List,
  NumberField,
  NumberInput,
  ReferenceField,
  ReferenceInput,
  ReferenceManyField,
  SelectInput,
  Show,
  SimpleForm,
  TextField,
  TextInput,
  required,
} from 'react-admin';
import { UnitTrend } from '../trends/UnitTrend';
import { AreaField, EnumField, PercentField, enumChoices } from '../common/enums';
import { countyFilter, searchFilter, townshipFilter } from '../common/filters';
import { notFullyCoveredFilter } from '../common/pickers';
import { MapLinkButton } from '../common/MapLinkButton';
import { RecordMap } from '../map/RecordMap';
import { unitResource } from '../resources';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';
import { PrintButton } from '../print/PrintButton';
import { TransferListActions } from '../import/ListActions';

/**
 * Villages (村) and communities (社区) are one GraphQL type, Village; the admin
 * shows them as two menu entries. These views serve both, by kind.
 */
type Kind = VillageKind;

const filters = [searchFilter, countyFilter, townshipFilter, notFullyCoveredFilter];

export const makeList = (kind: Kind) =>
  function VillageList() {
    return (
      <List
        filters={filters}
        filter={{ kind }}
        sort={{ field: 'code', order: 'ASC' }}
        actions={<TransferListActions list="villages" permanent={{ kind }} />}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="code" />
          <TextField source="name" />
          <ReferenceField source="townshipId" reference="townships" link="show" sortable={false} />
          <NumberField source="households" />
          <NumberField source="population" />
          {kind === 'VILLAGE' ? <NumberField source="villagerGroups" /> : null}
          <PercentField source="coverage.coveredShare" label="wz.fields.covered_share" />
          <AreaField source="coverage.uncoveredM2" label="wz.fields.uncovered" />
          <AreaField source="areaM2" />
          <MapLinkButton layer="villages" />
        </Datagrid>
      </List>
    );
  };

export const makeShow = (_kind: Kind) =>
  function VillageShow() {
    return (
      <Show>
        <WithHistory recordType="Village">
          <TextField source="code" />
          <TextField source="name" />
          <EnumField source="kind" enumName="VillageKind" />
          <ReferenceField source="townshipId" reference="townships" link="show" />
          <NumberField source="households" />
          <NumberField source="population" />
          <NumberField source="villagerGroups" />
          <AreaField source="areaM2" />
          <PercentField source="coverage.coveredShare" label="wz.fields.covered_share" />
          <AreaField source="coverage.uncoveredM2" label="wz.fields.uncovered" />
          <MapLinkButton layer="villages" />
          <PrintButton kind="village" />
          <RecordMap type="Village" resource={(r) => unitResource(r.kind)} />
          <UnitTrend label="wz.trend.unit" />
          <ReferenceManyField
            reference="grids"
            target="villageId"
            source="id"
            label="resources.villages.fields.grids"
            sort={{ field: 'code', order: 'ASC' }}
            perPage={50}
          >
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="code" />
              <TextField source="name" />
              <EnumField source="kind" enumName="GridKind" />
              <NumberField source="households" />
            </Datagrid>
          </ReferenceManyField>
          <ReferenceManyField
            reference="party-units"
            target="villageId"
            source="id"
            label="resources.villages.fields.partyUnits"
          >
            <Datagrid rowClick="show" bulkActionButtons={false}>
              <TextField source="name" />
              <EnumField source="level" enumName="PartyUnitLevel" />
            </Datagrid>
          </ReferenceManyField>
        </WithHistory>
      </Show>
    );
  };

const VillageForm = () => (
  <SimpleForm>
    <FormDraft />
    <TextInput source="code" validate={required()} />
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={enumChoices('VillageKind')} />
    <ReferenceInput source="townshipId" reference="townships">
      <AutocompleteInput optionText="name" filterToQuery={(q: string) => ({ q })} validate={required()} />
    </ReferenceInput>
    <NumberInput source="households" min={0} />
    <NumberInput source="population" min={0} />
    <NumberInput source="villagerGroups" min={0} />
  </SimpleForm>
);

export const makeEdit = (_kind: Kind) =>
  function VillageEdit() {
    return (
      <Edit mutationMode="pessimistic">
        <VillageForm />
        <RecordMap type="Village" resource={(r) => unitResource(r.kind)} />
      </Edit>
    );
  };

export const makeCreate = (kind: Kind) =>
  function VillageCreate() {
    return (
      <Create redirect="show" record={{ kind }}>
        <VillageForm />
      </Create>
    );
  };

export const villageViews = (kind: Kind) => ({
  list: makeList(kind),
  show: makeShow(kind),
  edit: makeEdit(kind),
  create: makeCreate(kind),
  recordRepresentation: 'name',
});
