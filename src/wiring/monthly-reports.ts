import type { WebClient } from '@slack/web-api';
import { SqlMonthlyReportSends } from '../db/repositories/monthly-report-sends.repository';
import { modelsDatabase } from '../db/repositories/transaction';
import { memoryPaceBook } from '../delivery/pace-books';
import { Pacer } from '../delivery/pacer';
import type { OrgService } from '../domain/org';
import type { Reports } from '../domain/supervision/report.service';
import type { WorkflowEngine } from '../domain/workflows/engine.service';
import { MonthlyReportScheduler } from '../jobs/monthly-reports';
import type { QueueBackend } from '../jobs/queue-backend';
import type { Logger } from '../logger';
import { sendReportToDm } from '../slack/report-delivery';
import type { UserContextResolver } from '../slack/user-context';

/** chat.postMessage is Slack's "special" tier: about one a second; the reports keep under it. */
const POST_INTERVAL_MS = 1100;

/**
 * The monthly report job over the database (claims in `monthly_report_sends`) and Slack: each
 * recipient's report (the report service picks their department or the whole organisation) sent
 * to their DM in their language, its posts paced through the delivery core's pacer.
 */
export function createMonthlyReports(deps: {
  queue: QueueBackend;
  logger: Logger;
  client: WebClient;
  users: UserContextResolver;
  org: Pick<OrgService, 'profileOf'>;
  reports: Reports;
  workflows: WorkflowEngine;
  schedule: { timeZone: string; workingDays: readonly number[]; at?: string };
  checkEveryMinutes?: number;
}): MonthlyReportScheduler {
  const pacer = new Pacer(memoryPaceBook(), { methods: { 'chat.postMessage': POST_INTERVAL_MS } });
  const turn = async () => {
    const next = await pacer.turn({ method: 'chat.postMessage' });
    const ms = 'waitMs' in next ? next.waitMs : next.laterMs;
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  };
  return new MonthlyReportScheduler(
    deps.queue,
    deps.logger,
    {
      sends: new SqlMonthlyReportSends(modelsDatabase),
      schedule: { ...deps.schedule, at: deps.schedule.at ?? '09:00' },
      deliver: async (recipient, month) => {
        const profile = await deps.org.profileOf(recipient.slackUserId);
        const ctx = await deps.users.resolve(recipient.slackUserId, profile);
        const report = await deps.reports.report(recipient.slackUserId, month);
        await sendReportToDm(deps.client, deps, recipient.slackUserId, ctx, report, {
          intro: ctx.t('report.monthly.intro', { period: month }),
          beforePost: turn,
        });
      },
    },
    deps.checkEveryMinutes,
  );
}
