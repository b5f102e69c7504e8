import type { App } from '@slack/bolt';

/**
 * Where listener modules register their listeners: the part of Bolt's `App` they use.
 *
 * Why not `App` itself: Bolt runs the middleware chain of *every* registered listener for every
 * request (each chain copies the arguments, awaits its filters and settles a promise), so with
 * one listener per slash command, button and form (about twenty) every interaction paid about
 * 9 µs × 20 of dispatch before its own listener ran — measured 200 µs per `/oa` against 30 µs with
 * a single listener. The router keeps one Bolt listener per kind and finds the listener in a map,
 * by exactly what Bolt would compare for these registrations:
 *
 * - `command('/name', listener)`: the command name;
 * - `action('action_id', listener)`: a payload with that `action_id` (Bolt's string constraint);
 * - `view('callback_id', listener)`: a `view_submission` whose view has that `callback_id`.
 *
 * The listener receives Bolt's own arguments unchanged (ack, respond, client, context…), and its
 * errors reach `app.error` as before. Any other form (RegExp, constraint objects, several
 * middleware, events) is handed to Bolt as it is. One listener per key: a second registration of
 * the same key throws at startup (Bolt would have run both).
 */
export type ListenerApp = Pick<App, 'command' | 'action' | 'view' | 'event'>;

type Kind = 'command' | 'action' | 'view';
// Listeners are stored untyped: each was type-checked against Bolt's signature when registered.
type Listener = (args: never) => Promise<void>;
type Dispatch = (args: object) => Promise<void>;

export function listenerRouter(app: App): ListenerApp {
  const routes: Record<Kind, Map<string, Listener>> = {
    command: new Map(),
    action: new Map(),
    view: new Map(),
  };
  const call = (kind: Kind, key: unknown, args: object) => {
    const listener = typeof key === 'string' ? routes[kind].get(key) : undefined;
    return listener ? (listener as unknown as Dispatch)(args) : Promise.resolve();
  };
  const dispatchers: Record<Kind, () => void> = {
    command: () =>
      // A RegExp that matches any name; the map decides.
      app.command(/(?:)/, (args) => call('command', args.command.command, args)),
    action: () =>
      // No constraint: every action reaches the dispatcher, which applies Bolt's string match.
      app.action({}, (args) => {
        const payload = args.payload as { action_id?: unknown };
        return call('action', payload.action_id, args);
      }),
    view: () => app.view({ type: 'view_submission' }, (args) => call('view', args.view.callback_id, args)),
  };
  const add = (kind: Kind, key: unknown, listeners: unknown[]): boolean => {
    if (typeof key !== 'string' || listeners.length !== 1 || typeof listeners[0] !== 'function') return false;
    const table = routes[kind];
    if (table.has(key)) throw new Error(`A ${kind} listener for ${key} is already registered`);
    if (table.size === 0) dispatchers[kind]();
    table.set(key, listeners[0] as Listener);
    return true;
  };
  type Register = (key: unknown, ...listeners: unknown[]) => void;
  const route =
    (kind: Kind, bolt: Register): Register =>
    (key, ...listeners) => {
      if (!add(kind, key, listeners)) bolt(key, ...listeners);
    };
  return {
    command: route('command', app.command.bind(app) as Register) as App['command'],
    action: route('action', app.action.bind(app) as Register) as App['action'],
    view: route('view', app.view.bind(app) as Register) as App['view'],
    event: app.event.bind(app) as App['event'],
  };
}
