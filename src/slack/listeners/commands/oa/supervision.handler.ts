import { DEFAULT_SAMPLE, MAX_SAMPLE } from '../../../../domain/supervision/spot-check.service';
import { toCsv } from '../../../../domain/workflows/csv';
import type { SlackDeps } from '../../../deps';
import { plain, type Reply } from '../../../replies';
import { refusalText } from '../../../supervision-refusals';
import type { UserContext } from '../../../user-context';
import { escapeMrkdwn } from '../../../views/blocks';
import { formatDateTime, localized } from '../../../views/format';
import { recognitionInput, scorecardMessage } from '../../../views/supervision/scorecard.view';
import { sampleSummary, spotItemMessage } from '../../../views/supervision/spot-check.view';
import type { OaIo } from './io';
import type { SupervisionCommand } from './supervision-text';

/**
 * `/oa spotcheck`, `/oa scorecard` and `/oa audit` (the supervision group and admins; heads see
 * their own scorecard lines). One domain call each, which decides who may ask; the sampled items
 * and CSVs go to the asker's DM.
 */
export async function answerSupervision(
  command: SupervisionCommand,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendFile' | 'postToDm' | 'channelFacts'>,
): Promise<Reply> {
  const { t } = ctx;
  try {
    switch (command.kind) {
      case 'spotcheck_invalid':
        if (command.problem === 'seed') return plain(t('spot.error.seed'));
        if (command.problem === 'n') return plain(t('spot.error.tooMany', { max: MAX_SAMPLE }));
        return plain(t('spot.error.type', { value: escapeMrkdwn(command.value.slice(0, 40)) }));
      case 'spotcheck':
        return await spotcheck(command, actorSlackId, ctx, deps, io);
      case 'scorecard':
        return command.recognise
          ? await recognise(command, actorSlackId, ctx, deps, io)
          : scorecardMessage(ctx, await deps.scorecards.scorecard(actorSlackId, command.period));
      case 'audit':
        return await audit(command, actorSlackId, ctx, deps, io);
      case 'audit_usage':
        return plain(t('usage.audit'));
    }
  } catch (error) {
    const refusal = refusalText(t, error);
    if (refusal === undefined) throw error;
    return plain(refusal);
  }
}

async function spotcheck(
  command: Extract<SupervisionCommand, { kind: 'spotcheck' }>,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'postToDm'>,
): Promise<Reply> {
  const sample = await deps.spotChecks.draw(actorSlackId, {
    type: command.type,
    ...(command.n !== undefined ? { n: command.n } : {}),
    ...(command.departmentKey ? { departmentKey: command.departmentKey } : {}),
    ...(command.seed !== undefined ? { seed: command.seed } : {}),
  });
  const departments = await deps.spotChecks.departments();
  // A request's title is its type: shown as the template's name in the reader's language.
  const templates = sample.type === 'request' ? await deps.workflows.listTemplates() : [];
  const titled = sample.items.map((item) => {
    const template = templates.find((candidate) => candidate.key === item.title);
    return template ? { ...item, title: localized(template.title, ctx.locale) } : item;
  });
  for (const [index, item] of titled.entries())
    await io.postToDm(
      spotItemMessage(
        ctx,
        item,
        { seed: sample.seed, index: index + 1, count: sample.items.length },
        departments,
      ),
    );
  return sampleSummary(ctx, sample, command.n ?? DEFAULT_SAMPLE, departments, ctx.locale);
}

async function recognise(
  command: Extract<SupervisionCommand, { kind: 'scorecard' }>,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'channelFacts'>,
) {
  const { card, best } = await deps.scorecards.best(actorSlackId, command.period);
  const channels = command.channelId ? await io.channelFacts([command.channelId]) : [];
  const input = recognitionInput(ctx.t, card, best, ctx.locale, channels);
  const result = await deps.announcements.submitAnnouncement(actorSlackId, input, {
    idempotencyKey: `recognition-${card.period.label}-${actorSlackId}`,
  });
  const departments = best.map((line) => line.department.key).join(', ');
  if (!result.ok)
    return plain(ctx.t('score.recognise.invalid', { problems: Object.keys(result.errors).join(', ') }));
  deps.outbox.kick();
  return plain(
    ctx.t('score.recognise.submitted', {
      reference: result.reference,
      review: result.reviewReference,
      departments: escapeMrkdwn(departments),
    }),
  );
}

async function audit(
  command: Extract<SupervisionCommand, { kind: 'audit' }>,
  actorSlackId: string,
  ctx: UserContext,
  deps: SlackDeps,
  io: Pick<OaIo, 'sendFile'>,
): Promise<Reply> {
  const { t } = ctx;
  const named =
    command.subject?.kind === 'reference'
      ? command.subject.reference
      : command.subject
        ? `<@${command.subject.slackUserId}>`
        : undefined;
  const subject = named ? t('audit.subject', { subject: named }) : '';
  if (command.period) {
    const { period, rows } = await deps.auditReader.ofPeriod(actorSlackId, command.period, command.subject);
    const csv = toCsv(
      ['id', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'before', 'after', 'request_id'],
      rows.map((row) => [
        row.id,
        row.at.toISOString(),
        row.actor,
        row.action,
        row.subjectType,
        row.subjectId,
        row.before === null || row.before === undefined ? '' : JSON.stringify(row.before),
        row.after === null || row.after === undefined ? '' : JSON.stringify(row.after),
        row.requestId,
      ]),
    );
    const comment = t('audit.csvComment', { subject, period: period.label, count: rows.length });
    await io.sendFile({
      filename: `audit-${(command.subject?.kind === 'reference' ? command.subject.reference : 'log').toLowerCase()}-${period.label}.csv`,
      content: csv,
      title: comment,
      comment,
    });
    return plain(t('audit.csv', { subject, period: period.label, count: rows.length }));
  }
  const rows = await deps.auditReader.latest(actorSlackId, command.subject);
  if (rows.length === 0) return plain(t('audit.none', { subject }));
  const lines = rows.map((row) =>
    t('audit.line', {
      at: formatDateTime(row.at.toISOString(), ctx.locale, ctx.timezone),
      actor: row.actor.startsWith('U') ? `<@${row.actor}>` : escapeMrkdwn(row.actor),
      action: escapeMrkdwn(row.action),
      subjectType: escapeMrkdwn(row.subjectType),
      subjectId: escapeMrkdwn(row.subjectId),
    }),
  );
  const text = `${t('audit.title', { subject, count: rows.length })}\n${lines.join('\n')}`;
  return {
    text: text.slice(0, 3000),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) } }],
  };
}
