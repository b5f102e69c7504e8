import type { KnownBlock } from '@slack/types';
import type { Locale } from '../../../config';
import type { Maintenance } from '../../../domain/incidents/maintenance.service';
import type { MaintenanceState } from '../../../domain/incidents/model';
import type { Translate } from '../../i18n';
import { escapeMrkdwn, section, truncate } from '../blocks';
import { formatDateTime } from '../format';

/** The App Home's banner while maintenance mode is on (nothing when it is off): the reason and the end. */
export function maintenanceBanner(
  reader: { t: Translate; locale: Locale; timezone: string },
  state: MaintenanceState | null,
): KnownBlock[] {
  if (!state) return [];
  const until = formatDateTime(state.until.toISOString(), reader.locale, reader.timezone);
  return [
    section(
      reader.t('maintenance.banner', { until, reason: truncate(escapeMrkdwn(state.reason), 500) }),
      'maintenance_banner',
    ),
  ];
}

/**
 * The banner of the current state, for the Home publisher (one line there). A failed read shows no
 * banner rather than no Home: submissions are still refused by the check itself.
 */
export async function maintenanceBannerOf(
  reader: { t: Translate; locale: Locale; timezone: string },
  maintenance: Pick<Maintenance, 'current'> | undefined,
): Promise<KnownBlock[]> {
  const state = maintenance ? await maintenance.current().catch(() => null) : null;
  return maintenanceBanner(reader, state);
}
