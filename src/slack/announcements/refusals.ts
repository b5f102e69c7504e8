import { AnnouncementError } from '../../domain/announcements';
import type { Translate } from '../i18n';

/** An announcement refusal in the person's language, its status named in that language too. */
export function refusalText(t: Translate, error: AnnouncementError): string {
  const status = error.details.status;
  return t(`ann.refusal.${error.code}`, {
    ...error.details,
    ...(status ? { status: t(`ann.status.${String(status) as 'published'}`) } : {}),
  });
}

/** Announcement refusals become the reply; anything else goes to runAndReport's handling. */
export async function answering(
  t: Translate,
  work: () => Promise<string | undefined>,
): Promise<string | undefined> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AnnouncementError) return refusalText(t, error);
    throw error;
  }
}
