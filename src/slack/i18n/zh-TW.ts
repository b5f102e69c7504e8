import type { MessageKey } from './en';
import { announceZhTW } from './parts/announce.zh-TW';
import { attachmentsZhTW } from './parts/attachments.zh-TW';
import { coreZhTW } from './parts/core.zh-TW';
import { deadlinesZhTW } from './parts/deadlines.zh-TW';
import { delegationZhTW } from './parts/delegation.zh-TW';
import { fanoutZhTW } from './parts/fanout.zh-TW';
import { filesZhTW } from './parts/files.zh-TW';
import { filesReviewZhTW } from './parts/files-review.zh-TW';
import { formsZhTW } from './parts/forms.zh-TW';
import { incidentsZhTW } from './parts/incidents.zh-TW';
import { maintenanceZhTW } from './parts/maintenance.zh-TW';
import { reportExtrasZhTW } from './parts/report-extras.zh-TW';
import { reportsZhTW } from './parts/reports.zh-TW';
import { supervisionZhTW } from './parts/supervision.zh-TW';
import { workflowsZhTW } from './parts/workflows.zh-TW';

/** The 繁體中文 catalog, assembled from the same parts as en.ts. */
export const zhTW: Record<MessageKey, string> = {
  ...coreZhTW,
  ...workflowsZhTW,
  ...formsZhTW,
  ...deadlinesZhTW,
  ...delegationZhTW,
  ...announceZhTW,
  ...fanoutZhTW,
  ...reportsZhTW,
  ...attachmentsZhTW,
  ...filesReviewZhTW,
  ...incidentsZhTW,
  ...filesZhTW,
  ...supervisionZhTW,
  ...maintenanceZhTW,
  ...reportExtrasZhTW,
};
