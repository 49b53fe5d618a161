export { CoverageMap } from './CoverageMap';
export { MapPage } from './MapPage';
export { RecordMap } from './RecordMap';
export { SidePanel } from './SidePanel';
export { LayerSwitcher } from './LayerSwitcher';
export { MapContext, useMapHandle } from './MapContext';
