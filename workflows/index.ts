export { campaignWorkflow } from './campaign';
export { linkNoticeWorkflow } from './link';
export { unitWorkflow } from './unit';
