import MapIcon from '@mui/icons-material/Map';
import AddLocationAltIcon from '@mui/icons-material/AddLocationAlt';
import AssignmentIcon from '@mui/icons-material/Assignment';
import FactCheckIcon from '@mui/icons-material/FactCheck';
import HandshakeIcon from '@mui/icons-material/Handshake';
import ApartmentIcon from '@mui/icons-material/Apartment';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import BadgeIcon from '@mui/icons-material/Badge';
import GridOnIcon from '@mui/icons-material/GridOn';
import HomeWorkIcon from '@mui/icons-material/HomeWork';
import MapsHomeWorkIcon from '@mui/icons-material/MapsHomeWork';
import PublicIcon from '@mui/icons-material/Public';
import ReportProblemIcon from '@mui/icons-material/ReportProblem';
import HistoryIcon from '@mui/icons-material/History';
import KeyIcon from '@mui/icons-material/Key';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import { AdminSettingsItem } from './settings/AdminSettingsItem';
import { AppBar, Layout, LocalesMenuButton, Menu, TitlePortal, type LayoutProps } from 'react-admin';
import { AccountMenu, WhoAmI } from './account/AccountMenu';
import { SessionWatcher } from './auth/SessionWatcher';
import { ImportMenuItem } from './import/ImportMenuItem';

function WzAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <WhoAmI />
          <LocalesMenuButton />
        </>
      }
      userMenu={<AccountMenu />}
    >
      <TitlePortal />
    </AppBar>
  );
}

function WzMenu() {
  return (
    <Menu>
      <Menu.DashboardItem primaryText="wz.menu.dashboard" />
      <Menu.Item to="/map" primaryText="wz.menu.map" leftIcon={<MapIcon />} data-testid="menu-map" />
      <Menu.ResourceItem name="counties" />
      <Menu.ResourceItem name="townships" />
      <Menu.ResourceItem name="villages" />
      <Menu.ResourceItem name="communities" />
      <Menu.ResourceItem name="grids" />
      <ImportMenuItem />
      <Menu.ResourceItem name="grid-workers" />
      <Menu.ResourceItem name="party-units" />
      <Menu.ResourceItem name="findings" />
      <Menu.ResourceItem name="rectifications" />
      <Menu.ResourceItem name="work-orders" />
      <Menu.ResourceItem name="member-units" />
      <Menu.Item
        to="/report"
        primaryText="wz.menu_loop.report"
        leftIcon={<AddLocationAltIcon />}
        data-testid="menu-report"
      />
      {/* Administrators only: the items hide themselves (authProvider.canAccess). */}
      <Menu.ResourceItem name="users" />
      <Menu.ResourceItem name="keys" />
      <Menu.ResourceItem name="audit-events" />
      <AdminSettingsItem />
    </Menu>
  );
}

export const ICONS = {
  counties: PublicIcon,
  townships: ApartmentIcon,
  villages: HomeWorkIcon,
  communities: MapsHomeWorkIcon,
  grids: GridOnIcon,
  'grid-workers': BadgeIcon,
  'party-units': AccountTreeIcon,
  findings: ReportProblemIcon,
  users: ManageAccountsIcon,
  keys: KeyIcon,
  'audit-events': HistoryIcon,
  rectifications: FactCheckIcon,
  'work-orders': AssignmentIcon,
  'member-units': HandshakeIcon,
};

export const WzLayout = ({ children }: LayoutProps) => (
  <Layout appBar={WzAppBar} menu={WzMenu}>
    <SessionWatcher />
    {children}
  </Layout>
);
