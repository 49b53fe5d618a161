import { villageViews } from './VillageViews';

export default villageViews('VILLAGE');
