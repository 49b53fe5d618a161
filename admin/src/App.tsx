import { Admin, CustomRoutes, Resource } from 'react-admin';
import { BrowserRouter, Route } from 'react-router-dom';
import communities from './communities';
import counties from './counties';
import { authProvider } from './auth/authProvider';
import { ChangePasswordPage } from './account/ChangePassword';
import apiKeys from './api-keys';
import { Dashboard } from './dashboard/Dashboard';
import findings from './findings';
import { auditEvents } from './history';
import gridWorkers from './grid-workers';
import grids from './grids';
import { i18nProvider } from './i18n';
import { ICONS, WzLayout } from './Layout';
import { MapPage } from './map/MapPage';
import partyUnits from './party-units';
import townships from './townships';
import users from './users';
import villages from './villages';
import { MapSettingsPage } from './settings/MapSettingsPage';
import { PrintGridCard, PrintVillageMap } from './print';
import { theme } from './theme';
import rectifications from './rectification';
import workOrders, { ReportPage } from './work-orders';
import memberUnits from './member-units';
import { ImportWizard } from './import/ImportWizard';
import { dataProvider } from './data/appDataProvider';

/** Only wiring: providers, layout, resources and the map route. */
export function App() {
  return (
    <BrowserRouter>
      <Admin
        title="吴忠网格"
        dataProvider={dataProvider}
        authProvider={authProvider}
        i18nProvider={i18nProvider}
        layout={WzLayout}
        dashboard={Dashboard}
        theme={theme}
        disableTelemetry
        requireAuth
      >
        <Resource name="counties" {...counties} icon={ICONS.counties} />
        <Resource name="townships" {...townships} icon={ICONS.townships} />
        <Resource name="villages" {...villages} icon={ICONS.villages} />
        <Resource name="communities" {...communities} icon={ICONS.communities} />
        <Resource name="grids" {...grids} icon={ICONS.grids} />
        <Resource name="grid-workers" {...gridWorkers} icon={ICONS['grid-workers']} />
        <Resource name="party-units" {...partyUnits} icon={ICONS['party-units']} />
        <Resource name="findings" {...findings} icon={ICONS.findings} />
        <Resource name="users" {...users} icon={ICONS.users} />
        <Resource name="keys" {...apiKeys} icon={ICONS.keys} />
        <Resource name="audit-events" {...auditEvents} icon={ICONS['audit-events']} />
        <Resource name="rectifications" {...rectifications} icon={ICONS.rectifications} />
        <Resource name="work-orders" {...workOrders} icon={ICONS['work-orders']} />
        <Resource name="member-units" {...memberUnits} icon={ICONS['member-units']} />
        <CustomRoutes>
          <Route path="/map" element={<MapPage />} />
          <Route path="/account/password" element={<ChangePasswordPage />} />
          <Route path="/settings/map" element={<MapSettingsPage />} />
          <Route path="/report" element={<ReportPage />} />
          <Route path="/import" element={<ImportWizard />} />
        </CustomRoutes>
        <CustomRoutes noLayout>
          <Route path="/print/grid/:id" element={<PrintGridCard />} />
          <Route path="/print/village/:id" element={<PrintVillageMap />} />
        </CustomRoutes>
      </Admin>
    </BrowserRouter>
  );
}
