import type { TemplateInput } from '../template-schema';
import { announcementTemplate } from './announcement';
import { documentTemplate } from './document';
import { fileVersionTemplate } from './file-version';
import { leaveTemplate } from './leave';
import { projectTemplate } from './project';
import { registrationTemplate } from './registration';

/** Shipped with the code; `syncBuiltinTemplates()` stores a new version when one changes. */
export const BUILTIN_TEMPLATES: readonly TemplateInput[] = [
  leaveTemplate,
  documentTemplate,
  projectTemplate,
  registrationTemplate,
  announcementTemplate,
  fileVersionTemplate,
];
