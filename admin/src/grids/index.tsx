import {
  BooleanInput,
  ChipField,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NumberField,
  ReferenceArrayField,
  ReferenceField,
  ReferenceManyField,
  Show,
  SimpleForm,
  SingleFieldList,
  TextField,
} from 'react-admin';
import { AreaField, EnumField, SeverityField } from '../common/enums';
import {
  countyFilter,
  enumFilter,
  noPartyUnitFilter,
  noWorkerFilter,
  overMaxHouseholdsFilter,
  searchFilter,
  townshipFilter,
  villageFilter,
} from '../common/filters';
import { MapLinkButton } from '../common/MapLinkButton';
import { RecordMap } from '../map/RecordMap';
import { GeometryInput } from '../map/draw/GeometryInput';
import { unitResource } from '../resources';
import { FormDraft } from '../auth/FormDraft';
import { WithHistory } from '../history';
import { PrintButton } from '../print/PrintButton';
import { GridAttributeInputs } from './GridAttributeInputs';
import { TransferListActions } from '../import/ListActions';

const filters = [
  searchFilter,
  countyFilter,
  townshipFilter,
  villageFilter,
  enumFilter('kind', 'GridKind'),
  noWorkerFilter,
  overMaxHouseholdsFilter,
  noPartyUnitFilter,
];

export const GridList = () => (
  <List filters={filters} sort={{ field: 'code', order: 'ASC' }} actions={<TransferListActions list="grids" />}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="code" />
      <TextField source="name" />
      <EnumField source="kind" enumName="GridKind" />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
        sortable={false}
      />
      <NumberField source="households" />
      <FunctionField source="workerIds" sortable={false} render={(r: any) => r.workerIds?.length ?? 0} />
      <ReferenceField
        source="partyUnit.id"
        reference="party-units"
        label="resources.grids.fields.partyUnit"
        link="show"
        sortable={false}
        emptyText="—"
      />
      <AreaField source="areaM2" sortable={false} />
      <MapLinkButton layer="grids" />
    </Datagrid>
  </List>
);

export const GridShow = () => {
  return (
    <Show>
      <WithHistory recordType="Grid">
        <TextField source="code" />
        <TextField source="name" />
        <EnumField source="kind" enumName="GridKind" />
        <ReferenceField source="villageId" reference="villages" link={(r) => `/${unitResource(r.kind)}/${r.id}/show`} />
        <NumberField source="households" />
        <NumberField source="population" />
        <AreaField source="areaM2" />
        <ReferenceField source="leaderId" reference="grid-workers" link="show" emptyText="—" />
        <ReferenceArrayField source="workerIds" reference="grid-workers">
          <SingleFieldList linkType="show">
            <ChipField source="name" />
          </SingleFieldList>
        </ReferenceArrayField>
        <ReferenceManyField
          reference="party-units"
          target="gridId"
          source="id"
          label="resources.grids.fields.partyUnits"
        >
          <SingleFieldList linkType="show">
            <ChipField source="name" />
          </SingleFieldList>
        </ReferenceManyField>
        <ReferenceManyField reference="findings" target="gridId" source="id" label="resources.grids.fields.findings">
          <Datagrid bulkActionButtons={false}>
            <SeverityField source="severity" />
            <EnumField source="kind" enumName="FindingKind" />
          </Datagrid>
        </ReferenceManyField>
        <MapLinkButton layer="grids" />
        <PrintButton kind="grid" />
        <RecordMap type="Grid" resource="grids" />
      </WithHistory>
    </Show>
  );
};

/** The grid's fields, shared by the edit and create pages; creating also offers clipping to the unit. */
const GridForm = ({ creating = false }: { creating?: boolean }) => (
  <SimpleForm>
    <GridFormFields creating={creating} />
  </SimpleForm>
);

const GridFormFields = ({ creating }: { creating: boolean }) => (
  <>
    <FormDraft />
    <GridAttributeInputs creating={creating} />
    {creating ? <BooleanInput source="clipToVillage" label="wz.draw.clip" defaultValue={true} /> : null}
    <GeometryInput required={creating} />
  </>
);

export const GridEdit = () => (
  <Edit mutationMode="pessimistic">
    <GridForm />
  </Edit>
);

/** Creating a grid needs a boundary: drawn on the small map over the chosen unit (clipped to it by default). */
export const GridCreate = () => (
  <Create
    redirect="show"
    transform={(d: any) => ({
      ...d,
      geometry: typeof d.geometry === 'string' && d.geometry.trim() ? JSON.parse(d.geometry) : d.geometry,
    })}
  >
    <GridForm creating />
  </Create>
);

export default { list: GridList, show: GridShow, edit: GridEdit, create: GridCreate, recordRepresentation: 'name' };
