export { unitWorkflow } from './unit';
