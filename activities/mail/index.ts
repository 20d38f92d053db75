// Mail composition: templates, calendar invites and threading for every notice the engine sends.
export { type ComposedMail, type ComposeOptions, composeNotice, NoticeError } from './compose';
export { deadlinePhrase } from './context';
export { type Scheduled, scheduledKind } from './kind';
export {
  compileTemplates,
  DEFAULT_TEMPLATE_DIR,
  loadTemplates,
  readTemplateDir,
  type TemplateSet,
  templateSetFor,
  validateTemplates,
} from './templates';
