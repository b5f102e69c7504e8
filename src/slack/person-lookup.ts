import type { PersonRecord } from '../db/repositories/org.repository';
import { findPerson } from '../domain/org/directory.service';
import type { Logger } from '../logger';

/**
 * The directory entry behind a Slack user, for choosing language and time zone before anything
 * else happens. If the database is down we still want to answer (with an apology in the default
 * language), so a failure here is logged and treated as "unknown person".
 */
export async function findPersonBySlackIdSafe(
  slackUserId: string,
  logger: Logger,
): Promise<PersonRecord | null> {
  try {
    return await findPerson(slackUserId);
  } catch (error) {
    logger.warn({ err: error, user: slackUserId }, 'directory lookup failed');
    return null;
  }
}
