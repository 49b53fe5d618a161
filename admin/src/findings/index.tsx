import { Datagrid, FunctionField, List, ReferenceField, Show, SimpleShowLayout, useLocale } from 'react-admin';
import { AreaField, EnumField, SeverityField } from '../common/enums';
import { countyFilter, enumFilter, townshipFilter, villageFilter } from '../common/filters';
import { MapLinkButton } from '../common/MapLinkButton';
import { unitResource } from '../resources';

const filters = [
  enumFilter('severity', 'Severity', true),
  enumFilter('kind', 'FindingKind', true),
  countyFilter,
  townshipFilter,
  villageFilter,
];

/** The finding's text in the current language. */
function MessageField(_props: { label?: string }) {
  const locale = useLocale();
  return (
    <FunctionField
      label="resources.findings.fields.message"
      render={(r: any) => (locale === 'en' ? r.messageEn : r.messageZh) ?? ''}
    />
  );
}

/** Where to show a finding on the map: its grid, else its village (and its centroid in view). */
function FindingMapLink(_props: { label?: string }) {
  return (
    <FunctionField
      label=""
      render={(r: any) => (
        <MapLinkButton layer={r.gridId ? 'grids' : 'villages'} idSource={r.gridId ? 'gridId' : 'villageId'} />
      )}
    />
  );
}

export const FindingList = () => (
  <List filters={filters} sort={{ field: 'severity', order: 'ASC' }} exporter={undefined}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <SeverityField source="severity" />
      <EnumField source="kind" enumName="FindingKind" />
      <MessageField />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
        sortable={false}
        emptyText="—"
      />
      <ReferenceField source="gridId" reference="grids" link="show" sortable={false} emptyText="—" />
      <AreaField source="areaM2" />
      <FindingMapLink />
    </Datagrid>
  </List>
);

export const FindingShow = () => (
  <Show>
    <SimpleShowLayout>
      <SeverityField source="severity" />
      <EnumField source="kind" enumName="FindingKind" />
      <MessageField />
      <ReferenceField
        source="villageId"
        reference="villages"
        link={(r) => `/${unitResource(r.kind)}/${r.id}/show`}
        emptyText="—"
      />
      <ReferenceField source="gridId" reference="grids" link="show" emptyText="—" />
      <AreaField source="areaM2" />
      <FindingMapLink />
    </SimpleShowLayout>
  </Show>
);

/** Read-only: findings are computed by the server from the coverage tables. */
export default { list: FindingList, show: FindingShow };
