export { DrawTools, SelectionActions } from './DrawTools';
export { useDrawController, type DrawController } from './controller';
