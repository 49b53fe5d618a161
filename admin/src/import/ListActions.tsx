import {
  CreateButton,
  FilterButton,
  TopToolbar,
  useCanAccess,
  useResourceContext,
  useResourceDefinition,
} from 'react-admin';
import { ExportMenu } from './ExportMenu';

/** A list's toolbar: filters, create (when allowed) and the export menu (GIS formats, Excel, CSV). */
export function TransferListActions({
  list,
  permanent,
}: {
  list: 'counties' | 'townships' | 'villages' | 'grids';
  permanent?: Record<string, unknown>;
}) {
  const resource = useResourceContext();
  const { hasCreate } = useResourceDefinition();
  const { canAccess } = useCanAccess({ action: 'create', resource });
  return (
    <TopToolbar>
      <FilterButton />
      {hasCreate && canAccess ? <CreateButton /> : null}
      <ExportMenu list={list} permanent={permanent} />
    </TopToolbar>
  );
}
