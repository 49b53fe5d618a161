export { DrawTools, SelectionActions } from './DrawTools';
export { useDrawController } from './controller';
