import type { KnownBlock } from '@slack/types';
import type { SlackDeps } from './deps';
import type { UserContext } from './user-context';
import { findingsHomeSection, HOME_FINDINGS } from './views/supervision/findings-home.view';

/**
 * The Home's open spot-check findings for this person (supervisors: all; a follow-up owner:
 * theirs; everyone else: nothing, and no query beyond the directory read). A failure here costs
 * the section, never the Home.
 */
export async function findingsHomeBlocks(
  deps: Partial<Pick<SlackDeps, 'spotChecks' | 'logger'>>,
  slackUserId: string,
  ctx: Pick<UserContext, 't' | 'locale' | 'timezone'>,
): Promise<KnownBlock[]> {
  const spotChecks = deps.spotChecks;
  if (!spotChecks) return [];
  try {
    const findings = await spotChecks.openFindingsFor(slackUserId, HOME_FINDINGS + 1);
    if (findings.length === 0) return [];
    const departments = await spotChecks.departments();
    const owners = new Map<number, string | null>();
    for (const id of new Set(
      findings.flatMap((f) => (f.followUpPersonId === null ? [] : [f.followUpPersonId])),
    ))
      owners.set(id, (await spotChecks.personById(id))?.slackUserId ?? null);
    return findingsHomeSection({
      ...ctx,
      findings,
      departments,
      slackIdOf: (personId) => owners.get(personId) ?? null,
    });
  } catch (error) {
    deps.logger?.warn({ err: error }, 'open findings left off the Home');
    return [];
  }
}
