import type { FormValue, FormValues, HalfDayDate, LocalizedText, SlackFileRef } from './model';
import type { FieldDefinition, TemplateDefinition } from './template-schema';
import type { FieldView } from './view-types';

/**
 * How form values read on a card, in both languages. Pure: names of people and departments come
 * from a lookup the caller fills from the directory.
 */
export interface DisplayDirectory {
  personName(slackUserId: string): string | undefined;
  department(key: string): LocalizedText | undefined;
}

const same = (text: string): LocalizedText => ({ en: text, zh: text });

const PART: Record<HalfDayDate['part'], LocalizedText> = {
  full: { en: '', zh: '' },
  am: { en: ' (morning)', zh: '（上午）' },
  pm: { en: ' (afternoon)', zh: '（下午）' },
};

// One formatter for the process: toLocaleString with options builds a new Intl.NumberFormat on
// every call, which cost ~2.5% of the app's CPU under a burst of approvals (every card shows days).
const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const formatNumber = (value: number) => NUMBER.format(value);

export function displayValue(
  field: FieldDefinition,
  value: FormValue,
  directory: DisplayDirectory,
): LocalizedText {
  switch (field.type) {
    case 'half_day_date': {
      const { date, part } = value as HalfDayDate;
      return { en: `${date}${PART[part].en}`, zh: `${date}${PART[part].zh}` };
    }
    case 'number': {
      const number = formatNumber(value as number);
      return field.unit
        ? { en: `${number} ${field.unit.en}`, zh: `${number} ${field.unit.zh}` }
        : same(number);
    }
    case 'select': {
      const option = field.options.find((o) => o.value === value);
      return option ? option.label : same(String(value));
    }
    case 'user':
      return same(directory.personName(value as string) ?? (value as string));
    case 'department':
      return directory.department(value as string) ?? same(value as string);
    case 'files': {
      // With its library reference once stored (attachments.service.ts): what search finds too.
      const files = value as SlackFileRef[];
      const text = (refused: string) =>
        files
          .map((file) =>
            file.stored
              ? `${file.stored.reference} ${file.name}`
              : file.refused
                ? `${file.name} (${refused})`
                : file.name,
          )
          .join(', ');
      return { en: text('refused'), zh: text('未收存') };
    }
    case 'checkbox':
      return value ? { en: 'Yes', zh: '是' } : { en: 'No', zh: '否' };
    default:
      return same(String(value));
  }
}

/** Every field in template order (empty optional ones with a null value), computed values last. */
export function fieldViews(
  template: TemplateDefinition,
  values: FormValues,
  directory: DisplayDirectory,
): FieldView[] {
  const views: FieldView[] = template.fields.map((field) => {
    const value = values[field.id];
    return {
      id: field.id,
      type: field.type,
      label: field.label,
      value: value ?? null,
      display: value === undefined ? null : displayValue(field, value, directory),
    };
  });
  for (const computed of template.computed) {
    const value = values[computed.id];
    views.push({
      id: computed.id,
      type: 'computed',
      label: computed.label,
      value: value ?? null,
      display: typeof value === 'number' ? same(formatNumber(value)) : null,
    });
  }
  return views;
}

export function subjectOf(template: TemplateDefinition, views: readonly FieldView[]): LocalizedText {
  const parts = template.subjectFields.flatMap((id) => {
    const display = views.find((view) => view.id === id)?.display;
    return display ? [display] : [];
  });
  if (parts.length === 0) return template.title;
  return { en: parts.map((p) => p.en).join(' · '), zh: parts.map((p) => p.zh).join(' · ') };
}

/** What `searchInstances({ text })` matches: reference, names and every displayed value, lower-cased. */
export function searchTextOf(parts: {
  reference: string;
  documentNumber: string | null;
  requesterName: string;
  title: LocalizedText;
  fields: readonly FieldView[];
}): string {
  return [
    parts.reference,
    parts.documentNumber ?? '',
    parts.requesterName,
    parts.title.en,
    parts.title.zh,
    ...parts.fields.flatMap((field) => (field.display ? [field.display.en, field.display.zh] : [])),
  ]
    .filter((text) => text !== '')
    .join('\n')
    .toLowerCase();
}
