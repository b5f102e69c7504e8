import type { FileLibraryError, FileRefusal } from '../../domain/files/file-errors';
import type { FieldName, FieldProblem, FieldProblems } from '../../domain/files/file-fields';
import type { FileLibrary } from '../../domain/files/file-library.service';
import type { IntakeRefusal } from '../../storage/file-intake';
import type { Translate } from '../i18n';
import { FILE_BLOCK_IDS } from '../ids';
import { escapeMrkdwn } from '../views/blocks';

/** Each field's problems go under this block of the modal (the scope's under "Share with"). */
const FIELD_BLOCKS: Record<FieldName, string> = {
  title: FILE_BLOCK_IDS.title,
  abstract: FILE_BLOCK_IDS.abstract,
  keywords: FILE_BLOCK_IDS.keywords,
  category: FILE_BLOCK_IDS.category,
  department: FILE_BLOCK_IDS.department,
  confidentiality: FILE_BLOCK_IDS.confidentiality,
  scope: FILE_BLOCK_IDS.everyone,
  label: FILE_BLOCK_IDS.label,
  changeNote: FILE_BLOCK_IDS.changeNote,
};

export function fieldProblemText(t: Translate, problem: FieldProblem): string {
  switch (problem.code) {
    case 'required':
      return t('files.error.required');
    case 'too_long':
      return t('files.error.tooLong', { max: problem.max });
    case 'not_a_version':
      return t('files.error.notAVersion', { example: problem.example });
    case 'version_not_greater':
      return t('files.error.versionNotGreater', { current: problem.current });
    case 'confidential_to_everyone':
      return t('files.error.confidentialToEveryone');
    case 'unknown_choice':
      return t('files.error.unknownChoice');
    case 'too_many_keywords':
      return t('files.error.tooManyKeywords', { max: problem.max });
    case 'keyword_too_long':
      return t('files.error.keywordTooLong', { keyword: problem.keyword, max: problem.max });
  }
}

/**
 * `response_action: errors` for a modal: each problem under its block. `present` names the blocks
 * the modal has (a field it does not show — no categories yet — falls back to the title's block).
 */
export function fieldErrors(
  t: Translate,
  problems: FieldProblems,
  present: ReadonlySet<string>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems) as [FieldName, FieldProblem][]) {
    const wanted = FIELD_BLOCKS[field];
    const block = present.has(wanted) ? wanted : FILE_BLOCK_IDS.title;
    errors[block] = errors[block]
      ? `${errors[block]} ${fieldProblemText(t, problem)}`
      : fieldProblemText(t, problem);
  }
  return errors;
}

/** 52 428 800 → 50, 52 429 → 0.05: whole MB from 10 up, two significant digits below. */
export const megabytes = (bytes: number): number => {
  const mb = bytes / 1024 / 1024;
  return mb >= 10 ? Math.round(mb) : Number(mb.toPrecision(2));
};

/** Why the library did not take a file's bytes, in the person's words. */
export function intakeRefusalText(t: Translate, refusal: IntakeRefusal): string {
  switch (refusal.code) {
    case 'empty':
      return t('files.refused.empty');
    case 'too_large':
      return t('files.refused.tooLarge', { mb: megabytes(refusal.maxBytes) });
    case 'type_not_allowed':
      return t('files.refused.type', { seen: refusal.seen, allowed: refusal.allowed.join(', ') });
    case 'infected':
      return t('files.refused.infected', { signature: refusal.signature });
  }
}

/** A refusal of the library as a sentence; who can grant access is named by Slack mention. */
export async function fileRefusalText(
  t: Translate,
  refusal: FileRefusal,
  library: Pick<FileLibrary, 'people'>,
): Promise<string> {
  switch (refusal.code) {
    case 'not_found':
      return t('files.refusal.notFound', { reference: escapeMrkdwn(refusal.reference) });
    case 'not_in_scope': {
      const people = await library.people(refusal.grantorIds);
      const grantors = people.map((person) =>
        person.slackUserId ? `<@${person.slackUserId}>` : escapeMrkdwn(person.displayName),
      );
      return t('files.refusal.notInScope', { reference: refusal.reference, grantors: grantors.join(', ') });
    }
    case 'withdrawn':
      return t('files.refusal.withdrawn', { reference: refusal.reference });
    case 'suspended':
      return t('files.refusal.suspended');
    case 'not_registered':
      return t('files.refusal.notRegistered');
    case 'not_owner':
      return t('files.refusal.notOwner', { reference: refusal.reference });
    case 'not_admin':
      return t('files.refusal.notAdmin');
    case 'no_such_version':
      return t('files.refusal.noSuchVersion', {
        reference: escapeMrkdwn(refusal.reference),
        label: escapeMrkdwn(refusal.label),
      });
    case 'purged':
      return t('files.refusal.purged', { reference: refusal.reference, label: escapeMrkdwn(refusal.label) });
    case 'invalid':
      return t('files.refusal.invalid', {
        problems: Object.values(refusal.fields)
          .map((problem) => fieldProblemText(t, problem))
          .join(' '),
      });
    case 'upload_refused':
      return intakeRefusalText(t, refusal.refusal);
    case 'category':
      return t(`files.refusal.category.${refusal.problem}`, { key: escapeMrkdwn(refusal.key) });
    case 'version_in_review':
      return t('fileReview.refusal.version_in_review', {
        reference: refusal.reference,
        label: escapeMrkdwn(refusal.label),
      });
  }
}

export const isFileLibraryError = (error: unknown): error is FileLibraryError =>
  error instanceof Error && error.name === 'FileLibraryError' && 'refusal' in error;
