import { scopeProblem } from './access';
import { type KeywordProblem, parseKeywords } from './keywords';
import { CONFIDENTIALITY_LEVELS, type Confidentiality, type FileScope } from './model';
import { compareVersionNumbers, DEFAULT_VERSION_LABEL, parseVersionLabel } from './version-label';

/**
 * The upload form's fields, checked the same way whether they come from the modal or a test:
 * every problem is reported at once, under its field, so nothing typed is lost.
 */

export const MAX_TITLE = 200;
export const MAX_ABSTRACT = 3000;
export const MAX_CHANGE_NOTE = 500;

export type FieldProblem =
  | { code: 'required' }
  | { code: 'too_long'; max: number }
  | { code: 'not_a_version'; example: string }
  | { code: 'version_not_greater'; current: string }
  | { code: 'confidential_to_everyone' }
  | { code: 'unknown_choice' }
  | KeywordProblem;

export type FieldName =
  | 'title'
  | 'abstract'
  | 'keywords'
  | 'category'
  | 'department'
  | 'confidentiality'
  | 'scope'
  | 'label'
  | 'changeNote';
export type FieldProblems = Partial<Record<FieldName, FieldProblem>>;

export interface DetailsInput {
  title: string;
  abstract: string;
  keywords: string;
  confidentiality: string;
  scope: FileScope;
}

export interface CheckedDetails {
  title: string;
  abstract: string;
  keywords: string[];
  confidentiality: Confidentiality;
  scope: FileScope;
}

const length = (text: string) => [...text].length;

export function checkDetails(input: DetailsInput, problems: FieldProblems = {}): CheckedDetails | null {
  const title = input.title.trim();
  if (!title) problems.title = { code: 'required' };
  else if (length(title) > MAX_TITLE) problems.title = { code: 'too_long', max: MAX_TITLE };
  const abstract = input.abstract.trim();
  if (length(abstract) > MAX_ABSTRACT) problems.abstract = { code: 'too_long', max: MAX_ABSTRACT };
  const keywords = parseKeywords(input.keywords);
  if ('problem' in keywords) problems.keywords = keywords.problem;
  const confidentiality = CONFIDENTIALITY_LEVELS.find((level) => level === input.confidentiality);
  if (!confidentiality) problems.confidentiality = { code: 'unknown_choice' };
  else {
    const scope = scopeProblem(confidentiality, input.scope);
    if (scope) problems.scope = scope;
  }
  if (Object.keys(problems).length > 0 || !confidentiality || 'problem' in keywords) return null;
  return { title, abstract, keywords: keywords.keywords, confidentiality, scope: input.scope };
}

/** A version label and change note; `current` is the label the new one must exceed. */
export function checkVersion(
  input: { label: string; changeNote: string },
  current: string | null,
  problems: FieldProblems = {},
): { label: string; changeNote: string } | null {
  const label = input.label.trim() || (current === null ? DEFAULT_VERSION_LABEL : '');
  const numbers = parseVersionLabel(label);
  if (!label) problems.label = { code: 'required' };
  else if (!numbers) problems.label = { code: 'not_a_version', example: DEFAULT_VERSION_LABEL };
  else if (current !== null && compareVersionNumbers(numbers, parseVersionLabel(current) ?? [0]) <= 0)
    problems.label = { code: 'version_not_greater', current };
  const changeNote = input.changeNote.trim();
  if (length(changeNote) > MAX_CHANGE_NOTE) problems.changeNote = { code: 'too_long', max: MAX_CHANGE_NOTE };
  // A new version says what changed; the first one may be silent.
  if (current !== null && !changeNote) problems.changeNote = { code: 'required' };
  return problems.label || problems.changeNote ? null : { label, changeNote };
}
