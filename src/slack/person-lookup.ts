import type { Directory } from '../domain/org/directory.service';
import type { PersonRecord } from '../domain/org/model';
import type { Logger } from '../logger';

/** One read of the directory entry behind a Slack user: the row (null: not registered) or the failure. */
export type PersonLookup = { failed: false; person: PersonRecord | null } | { failed: true; error: unknown };

/**
 * The directory entry behind a Slack user, for choosing language and time zone before anything
 * else happens. If the database is down we still want to answer (with an apology in the default
 * language), so a failure here is logged and returned, not thrown: the caller decides whether it
 * can do without the person (language) or must report it (standing).
 */
export async function lookUpPerson(
  directory: Pick<Directory, 'findPerson'>,
  slackUserId: string,
  logger: Logger,
): Promise<PersonLookup> {
  try {
    return { failed: false, person: await directory.findPerson(slackUserId) };
  } catch (error) {
    logger.warn({ err: error, user: slackUserId }, 'directory lookup failed');
    return { failed: true, error };
  }
}

/** As `lookUpPerson`, with a failure treated as "unknown person". */
export async function findPersonBySlackIdSafe(
  directory: Pick<Directory, 'findPerson'>,
  slackUserId: string,
  logger: Logger,
): Promise<PersonRecord | null> {
  const lookup = await lookUpPerson(directory, slackUserId, logger);
  return lookup.failed ? null : lookup.person;
}
