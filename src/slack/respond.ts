import type { RespondFn } from '@slack/bolt';
// Bolt's own respond(), the one its listeners receive; not re-exported from the package root.
import { createRespond } from '@slack/bolt/dist/context';

/**
 * Bolt's `respond()` for a response_url that is not the request's own: one kept in a modal's
 * private_metadata (the /approvals list a reason modal came from) or a click answered after its
 * listener has handed it on (the clicked card). A listener answers its own request with the
 * `respond` Bolt passes it; this is the same function, on the same `fetch`.
 */
export function responderFor(responseUrl: string): RespondFn {
  return createRespond(globalThis.fetch, responseUrl);
}
