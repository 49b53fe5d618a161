import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Menu, useCanAccess } from 'react-admin';

/** "Import boundaries" in the menu, for those who may write grids (administrators and editors). */
export function ImportMenuItem() {
  const { canAccess } = useCanAccess({ resource: 'grids', action: 'create' });
  if (!canAccess) return null;
  return <Menu.Item to="/import" primaryText="transfer.menu" leftIcon={<UploadFileIcon />} data-testid="menu-import" />;
}
