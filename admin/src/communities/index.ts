import { villageViews } from '../villages/VillageViews';

/** 社区: the Village type with kind COMMUNITY (the data provider adds the filter). */
export default villageViews('COMMUNITY');
