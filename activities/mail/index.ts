// Mail composition: templates, calendar invites and threading for every notice the engine sends.
export { type ComposedMail, type ComposeOptions, composeNotice, NoticeError } from './compose';
export { deadlinePhrase } from './context';
export {
  digestMessageId,
  digestThreadRootId,
  icsUid,
  linkMessageId,
  linkThreadRootId,
  noticeMessageId,
  threadRootId,
} from './ids';
export { type Scheduled, scheduledKind } from './kind';
export { noticeMilestone } from './milestone';
export {
  compileTemplates,
  DEFAULT_TEMPLATE_DIR,
  loadTemplates,
  readTemplateDir,
  type TemplateSet,
  templateSetFor,
  validateTemplates,
} from './templates';
export * from './types';
