import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import type { Locale } from '../../../config';
import type { DepartmentRecord } from '../../../domain/org/model';
import type { FindingRow, SpotCheckType, SpotItem } from '../../../domain/supervision/finding-types';
import type { Sample } from '../../../domain/supervision/spot-check.service';
import type { MessageKey, Translate } from '../../i18n';
import { SUPERVISION_IDS } from '../../ids';
import type { Reply } from '../../replies';
import { context, escapeMrkdwn, fields, section, truncate } from '../blocks';
import { formatDateTime } from '../format';

/**
 * Spot checks in Slack: the summary answered to the command, one DM per sampled item with
 * Conforms / Problem, the Problem modal, and the message an item becomes once judged. The
 * buttons carry the item and the check (`{type, id, seed}`); the server re-checks the clicker.
 */

export interface ViewCtx {
  t: Translate;
  locale: Locale;
  timezone: string;
}

/** What a verdict button and the Problem modal carry. */
export interface ItemKey {
  type: SpotCheckType;
  id: number;
  seed: number;
}

const departmentName = (departments: readonly DepartmentRecord[], id: number | null, locale: Locale) => {
  const department = departments.find((d) => d.id === id);
  if (!department) return '—';
  return locale === 'zh-TW' && department.nameZh ? department.nameZh : department.name;
};

export { departmentName };

export function sampleSummary(
  { t }: ViewCtx,
  sample: Sample,
  n: number,
  departments: readonly DepartmentRecord[],
  locale: Locale,
): Reply {
  const type = t(`spot.type.${sample.type}`);
  const scope = sample.department
    ? t('spot.scope', { department: departmentName(departments, sample.department.id, locale) })
    : '';
  if (sample.items.length === 0) return { text: t('spot.none', { type, scope }) };
  return {
    text: t('spot.intro', {
      count: sample.items.length,
      population: sample.population,
      type: sample.type,
      scope,
      seed: sample.seed,
      n,
      department: sample.department ? `${sample.department.key} ` : '',
    }),
  };
}

function itemText(ctx: ViewCtx, item: SpotItem, departments: readonly DepartmentRecord[]): string {
  return ctx.t('spot.item', {
    reference: item.reference,
    title: escapeMrkdwn(truncate(item.title, 200)),
    status: item.status,
    department: escapeMrkdwn(departmentName(departments, item.departmentId, ctx.locale)),
    finished: item.finishedAt ? formatDateTime(item.finishedAt.toISOString(), ctx.locale, ctx.timezone) : '—',
    owner: escapeMrkdwn(item.ownerName ?? '—'),
  });
}

const FACT_LABELS: Record<string, MessageKey> = {
  type: 'spot.fact.type',
  submitted: 'spot.fact.submitted',
  revisions: 'spot.fact.revisions',
  steps: 'spot.fact.steps',
  category: 'spot.fact.category',
  importance: 'spot.fact.importance',
  audience: 'spot.fact.audience',
  versions: 'spot.fact.versions',
  acknowledgement: 'spot.fact.acknowledgement',
  confidentiality: 'spot.fact.confidentiality',
  abstract: 'spot.fact.abstract',
  keywords: 'spot.fact.keywords',
};
const FACT_VALUES: Record<string, MessageKey> = {
  yes: 'spot.value.yes',
  no: 'spot.value.no',
  missing: 'spot.value.missing',
};
/** The store's fact names and yes/no/missing in the reader's language; anything else as recorded. */
const factLabel = (t: Translate, label: string) => (FACT_LABELS[label] ? t(FACT_LABELS[label]) : label);
const factValue = (t: Translate, value: string) => (FACT_VALUES[value] ? t(FACT_VALUES[value]) : value);

/** One sampled item in the supervisor's DM, with its record summary and the two verdicts. */
export function spotItemMessage(
  ctx: ViewCtx,
  item: SpotItem,
  position: { seed: number; index: number; count: number },
  departments: readonly DepartmentRecord[],
): Reply {
  const key: ItemKey = { type: item.type, id: item.id, seed: position.seed };
  const value = JSON.stringify(key);
  const actions: ActionsBlock = {
    type: 'actions',
    block_id: `spot_${item.type}_${item.id}`,
    elements: [
      {
        type: 'button',
        action_id: SUPERVISION_IDS.conforms,
        text: { type: 'plain_text', text: ctx.t('spot.conforms') },
        style: 'primary',
        value,
      },
      {
        type: 'button',
        action_id: SUPERVISION_IDS.problem,
        text: { type: 'plain_text', text: ctx.t('spot.problem') },
        style: 'danger',
        value,
      },
    ],
  };
  const facts = item.facts
    .slice(0, 10)
    .map(
      ([label, fact]) =>
        `*${escapeMrkdwn(factLabel(ctx.t, label))}*\n${escapeMrkdwn(factValue(ctx.t, fact))}`,
    );
  const blocks: KnownBlock[] = [
    section(itemText(ctx, item, departments)),
    ...(facts.length ? [fields(facts)] : []),
    actions,
    context(ctx.t('spot.context', { seed: position.seed, index: position.index, count: position.count })),
  ];
  return { text: `${item.reference} · ${truncate(item.title, 200)}`, blocks };
}

/** The item's message once judged: the summary stays, the buttons give way to the verdict. */
export function judgedItemMessage(
  ctx: ViewCtx,
  item: SpotItem,
  finding: FindingRow,
  who: string,
  departments: readonly DepartmentRecord[],
): Reply {
  const verdict =
    finding.outcome === 'conforms'
      ? ctx.t('spot.recorded.conforms', { reference: item.reference, who })
      : ctx.t('spot.recorded.problem', {
          reference: item.reference,
          who,
          id: finding.id,
          note: escapeMrkdwn(truncate(finding.note, 1500)),
        });
  return { text: verdict, blocks: [section(itemText(ctx, item, departments)), section(verdict)] };
}

/** Problem: a note, the responsible department (default the item's) and a follow-up owner. */
export function problemModal(
  ctx: ViewCtx,
  item: SpotItem,
  key: ItemKey,
  departments: readonly DepartmentRecord[],
  origin: { channel: string; ts: string } | null,
): ModalView {
  const option = (d: DepartmentRecord) => ({
    text: {
      type: 'plain_text' as const,
      text: truncate(`${departmentName(departments, d.id, ctx.locale)} (${d.key})`, 75),
    },
    value: String(d.id),
  });
  const own = departments.find((d) => d.id === item.departmentId);
  return {
    type: 'modal',
    callback_id: SUPERVISION_IDS.problemForm,
    private_metadata: JSON.stringify({
      ...key,
      ...(origin ? { channel: origin.channel, ts: origin.ts } : {}),
    }),
    title: { type: 'plain_text', text: truncate(ctx.t('spot.modal.title'), 24) },
    submit: { type: 'plain_text', text: truncate(ctx.t('spot.modal.submit'), 24) },
    close: { type: 'plain_text', text: truncate(ctx.t('spot.modal.cancel'), 24) },
    blocks: [
      section(
        ctx.t('spot.modal.item', {
          reference: item.reference,
          title: escapeMrkdwn(truncate(item.title, 200)),
        }),
      ),
      {
        type: 'input',
        block_id: SUPERVISION_IDS.noteBlock,
        label: { type: 'plain_text', text: ctx.t('spot.modal.note') },
        element: {
          type: 'plain_text_input',
          action_id: SUPERVISION_IDS.noteInput,
          multiline: true,
          max_length: 2000,
          placeholder: { type: 'plain_text', text: truncate(ctx.t('spot.modal.notePlaceholder'), 150) },
        },
      },
      {
        type: 'input',
        block_id: SUPERVISION_IDS.departmentBlock,
        optional: true,
        label: { type: 'plain_text', text: ctx.t('spot.modal.department') },
        element: {
          type: 'static_select',
          action_id: SUPERVISION_IDS.departmentInput,
          // A static_select lists at most 100 options.
          options: departments.slice(0, 100).map(option),
          ...(own ? { initial_option: option(own) } : {}),
        },
      },
      {
        type: 'input',
        block_id: SUPERVISION_IDS.followUpBlock,
        optional: true,
        label: { type: 'plain_text', text: ctx.t('spot.modal.followUp') },
        hint: { type: 'plain_text', text: ctx.t('spot.modal.followUpHint') },
        element: { type: 'users_select', action_id: SUPERVISION_IDS.followUpInput },
      },
    ],
  };
}

/** Close a finding: a closing note is required. */
export function closeFindingModal(t: Translate, finding: FindingRow): ModalView {
  return {
    type: 'modal',
    callback_id: SUPERVISION_IDS.closeForm,
    private_metadata: JSON.stringify({ findingId: finding.id }),
    title: { type: 'plain_text', text: truncate(t('findings.close.title', { id: finding.id }), 24) },
    submit: { type: 'plain_text', text: truncate(t('findings.close.submit'), 24) },
    close: { type: 'plain_text', text: truncate(t('spot.modal.cancel'), 24) },
    blocks: [
      section(`*${finding.itemReference}*\n${escapeMrkdwn(truncate(finding.note, 2000))}`),
      {
        type: 'input',
        block_id: SUPERVISION_IDS.noteBlock,
        label: { type: 'plain_text', text: t('findings.close.note') },
        element: {
          type: 'plain_text_input',
          action_id: SUPERVISION_IDS.noteInput,
          multiline: true,
          max_length: 2000,
        },
      },
    ],
  };
}
