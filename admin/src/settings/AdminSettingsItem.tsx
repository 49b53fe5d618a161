import LayersIcon from '@mui/icons-material/Layers';
import { Menu, useCanAccess } from 'react-admin';

/** The menu entry of the base map settings, for administrators only. */
export function AdminSettingsItem() {
  const { canAccess } = useCanAccess({ resource: 'users', action: 'list' });
  return canAccess ? (
    <Menu.Item
      to="/settings/map"
      primaryText="wz.settings.menu"
      leftIcon={<LayersIcon />}
      data-testid="menu-settings"
    />
  ) : null;
}
