/**
 * The places a person sees Block Kit — messages, ephemeral messages, the open modal and the
 * Home tab — and how to find the interactive element they mean on them.
 */
import { interactiveElements, type LocatedElement } from './block-kit-state';
import type { Block, EphemeralMessage, SlackMessage, SlackView } from './types';
import type { ViewsState } from './views-state';
import type { WorkspaceState } from './workspace-state';

export type Surface =
  | { kind: 'message'; channel: string; message: SlackMessage }
  | { kind: 'ephemeral'; ephemeral: EphemeralMessage }
  | { kind: 'modal'; view: SlackView }
  | { kind: 'home'; view: SlackView };

/**
 * Where to look. A message is named by channel (id, name, or a user id for the app's DM with
 * them) and ts; `latest-dm` is the newest message of the app's DM with this person, `dm` any of
 * them newest first. Without one, everything the person can see, most prominent and newest first.
 */
export type SurfaceRef =
  | { channel: string; ts: string }
  | 'modal'
  | 'home'
  | 'latest-dm'
  | 'dm'
  | 'ephemeral';

export interface ElementMatch {
  surface: Surface;
  located: LocatedElement;
}

export function surfaceBlocks(surface: Surface): readonly Block[] {
  if (surface.kind === 'message') return surface.message.blocks ?? [];
  if (surface.kind === 'ephemeral') return surface.ephemeral.blocks ?? [];
  return surface.view.blocks;
}

export function describeSurface(surface: Surface): string {
  switch (surface.kind) {
    case 'message':
      return `message ${surface.message.ts} in ${surface.channel}`;
    case 'ephemeral':
      return `ephemeral ${surface.ephemeral.ts} in ${surface.ephemeral.channel}`;
    case 'modal':
      return `modal ${surface.view.id}${surface.view.callback_id ? ` (${surface.view.callback_id})` : ''}`;
    case 'home':
      return 'home tab';
  }
}

function newestFirst<T>(items: T[]): T[] {
  return [...items].reverse();
}

export function surfacesFor(
  workspace: WorkspaceState,
  views: ViewsState,
  userId: string,
  ref: SurfaceRef | undefined,
): Surface[] {
  const dmId = workspace.dmIdOf(userId);
  const dmMessages = (): Surface[] =>
    newestFirst(workspace.messages(dmId)).map((message) => ({ kind: 'message', channel: dmId, message }));
  const modal = (): Surface[] => {
    const view = views.topModal(userId);
    return view ? [{ kind: 'modal', view }] : [];
  };
  const home = (): Surface[] => {
    const view = views.home(userId);
    return view ? [{ kind: 'home', view }] : [];
  };
  const ephemerals = (): Surface[] =>
    newestFirst(workspace.ephemerals(userId)).map((ephemeral) => ({ kind: 'ephemeral', ephemeral }));

  if (ref === 'modal') return modal();
  if (ref === 'home') return home();
  if (ref === 'dm') return dmMessages();
  if (ref === 'latest-dm') return dmMessages().slice(0, 1);
  if (ref === 'ephemeral') return ephemerals();
  if (ref) {
    const channel = workspace.resolveConversation(ref.channel);
    const message = channel && workspace.message(channel.id, ref.ts);
    if (channel && message) return [{ kind: 'message', channel: channel.id, message }];
    const ephemeral = workspace.ephemeral(userId, ref.ts);
    return ephemeral ? [{ kind: 'ephemeral', ephemeral }] : [];
  }
  const channelMessages: Surface[] = workspace
    .listChannels()
    .filter((c) => !c.isIm && c.members.includes(userId))
    .flatMap((c) =>
      newestFirst(workspace.messages(c.id)).map((message) => ({
        kind: 'message' as const,
        channel: c.id,
        message,
      })),
    );
  return [...modal(), ...ephemerals(), ...dmMessages(), ...home(), ...channelMessages];
}

export interface ElementQuery {
  label?: string | RegExp;
  actionId?: string;
  blockId?: string;
  value?: string;
}

function labelMatches(label: string, wanted: string | RegExp): boolean {
  return wanted instanceof RegExp ? wanted.test(label) : label.trim() === wanted.trim();
}

export function findElement(
  surfaces: readonly Surface[],
  query: ElementQuery,
  accept: (located: LocatedElement) => boolean,
): ElementMatch | undefined {
  for (const surface of surfaces) {
    for (const located of interactiveElements(surfaceBlocks(surface))) {
      if (!accept(located)) continue;
      if (query.actionId !== undefined && located.actionId !== query.actionId) continue;
      if (query.blockId !== undefined && located.blockId !== query.blockId) continue;
      if (query.value !== undefined && located.element.value !== query.value) continue;
      if (query.label !== undefined && !labelMatches(located.label, query.label)) continue;
      return { surface, located };
    }
  }
  return undefined;
}

/** For error messages: every candidate element, where it is, and how to name it. */
export function describeElements(
  surfaces: readonly Surface[],
  accept: (located: LocatedElement) => boolean,
): string {
  const lines = surfaces.flatMap((surface) =>
    interactiveElements(surfaceBlocks(surface))
      .filter(accept)
      .map(
        (e) =>
          `  - "${e.label}" (${String(e.element.type)}, action_id=${e.actionId}, block_id=${e.blockId}) in ${describeSurface(surface)}`,
      ),
  );
  return lines.length > 0 ? lines.join('\n') : '  (none)';
}
