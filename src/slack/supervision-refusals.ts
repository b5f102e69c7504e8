import { AuditReadError } from '../domain/supervision/audit-reader';
import { ScorecardError } from '../domain/supervision/scorecard.service';
import { SpotCheckError } from '../domain/supervision/spot-check.service';
import type { Translate } from './i18n';
import { escapeMrkdwn } from './views/blocks';

/** A refusal of the supervision services in the reader's words; undefined for anything else. */
export function refusalText(t: Translate, error: unknown): string | undefined {
  if (error instanceof SpotCheckError) {
    const { refusal } = error;
    switch (refusal.code) {
      case 'not_registered':
        return t('wf.error.not_registered');
      case 'not_allowed':
        return t('spot.error.notAllowed');
      case 'too_many':
        return t('spot.error.tooMany', { max: refusal.max });
      case 'unknown_department':
        return t('spot.error.department', { key: escapeMrkdwn(refusal.key.slice(0, 64)) });
      case 'bad_seed':
        return t('spot.error.seed');
      case 'not_found':
        return t('spot.error.notFound');
      case 'already_closed':
        return t('spot.error.closed');
      case 'note_required':
        return t('spot.error.noteRequired');
      case 'follow_up_unknown':
        return t('spot.error.followUp');
    }
  }
  if (error instanceof ScorecardError) {
    const { refusal } = error;
    switch (refusal.code) {
      case 'not_registered':
        return t('wf.error.not_registered');
      case 'not_allowed':
        return t('score.error.notAllowed');
      case 'recognise_not_allowed':
        return t('score.error.recogniseNotAllowed');
      case 'not_a_period':
        return t('report.error.period', { input: escapeMrkdwn(refusal.input.slice(0, 40)) });
      case 'bad_config':
        return t('score.error.config', {
          problems: refusal.problems
            .slice(0, 10)
            .map((problem) => `• ${escapeMrkdwn(problem)}`)
            .join('\n'),
        });
      case 'nobody_to_recognise':
        return t('score.error.nobody', { period: refusal.period });
    }
  }
  if (error instanceof AuditReadError) {
    const { refusal } = error;
    if (refusal.code === 'not_registered') return t('wf.error.not_registered');
    if (refusal.code === 'not_allowed') return t('audit.error.notAllowed');
    return t('report.error.period', { input: escapeMrkdwn(refusal.input.slice(0, 40)) });
  }
  return undefined;
}
