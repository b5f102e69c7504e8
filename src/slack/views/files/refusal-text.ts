import { FileLibraryError } from '../../../domain/files/file-errors';
import type { Translate } from '../../i18n';

/**
 * A library refusal in the person's language, for the Share and Open answers. `grantors` are
 * Slack mentions of who can give access (named only when the file is restricted, never when it is
 * hidden). Anything that is not a refusal is not ours to word: null.
 */
export function fileRefusalText(t: Translate, error: unknown, grantors: string[] = []): string | null {
  if (!(error instanceof FileLibraryError)) return null;
  const { refusal } = error;
  switch (refusal.code) {
    case 'not_found':
      return t('fileReview.refusal.not_found', { reference: refusal.reference.slice(0, 40) });
    case 'not_in_scope':
      return t('fileReview.refusal.not_in_scope', {
        reference: refusal.reference,
        grantors: grantors.join(', '),
      });
    case 'withdrawn':
      return t('fileReview.refusal.withdrawn', { reference: refusal.reference });
    case 'suspended':
      return t('fileReview.refusal.suspended');
    case 'not_registered':
      return t('fileReview.refusal.not_registered');
    case 'not_owner':
      return t('fileReview.refusal.not_owner', { reference: refusal.reference });
    case 'version_in_review':
      return t('fileReview.refusal.version_in_review', {
        reference: refusal.reference,
        label: refusal.label,
      });
    case 'invalid':
      if (refusal.fields.scope?.code === 'confidential_to_everyone')
        return t('fileReview.refusal.confidential');
      return t('fileReview.refusal.other', { code: Object.keys(refusal.fields).join(', ') });
    default:
      return t('fileReview.refusal.other', { code: refusal.code });
  }
}
