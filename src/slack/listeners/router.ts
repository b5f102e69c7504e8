import type { App } from '@slack/bolt';

/**
 * Where listener modules register their listeners: the part of Bolt's `App` they use.
 *
 * Why not `App` itself: Bolt runs the middleware chain of *every* registered listener for every
 * request (each chain copies the arguments, awaits its filters and settles a promise). With one
 * listener per slash command, button and form (about twenty) every interaction paid about
 * 9 µs × 20 of dispatch before its own listener ran — measured 200 µs per `/oa` against 30 µs with
 * a single listener — and even one listener per kind (command, action, view, event) still cost four
 * chains per request. Measured again end to end for issue 14 (item 2) with one listener per
 * file: Bolt's own dispatch cost 3–4× the CPU per `/oa help` (listeners/README.md).
 *
 * The router is one global middleware, registered after the app's own, that finds the listener
 * in a map by exactly what Bolt would compare for these registrations:
 *
 * - `command('/name', listener)`: the command name;
 * - `action('action_id', listener)`: an action payload with that `action_id` (Bolt's string constraint);
 * - `view('callback_id', listener)`: a `view_submission` whose view has that `callback_id`;
 * - `event('type', listener)`: an event of that type (Bolt has acknowledged events already);
 * - `shortcut('callback_id', listener)`: a global or message shortcut with that `callback_id`.
 *
 * The listener receives the arguments Bolt gives global middleware — the same as a listener's
 * (ack, respond, client, context…) except that `next` continues the global chain: no listener
 * here calls it. Its errors reach `app.error` as before. A request no route takes goes on to Bolt's
 * own listeners: any other form (RegExp, constraint objects, several middleware) is handed to Bolt
 * as it is. One listener per key: a second registration of the same key throws at startup (Bolt
 * would have run both).
 */
export type ListenerApp = Pick<App, 'command' | 'action' | 'view' | 'event' | 'shortcut'>;

type Kind = 'command' | 'action' | 'view' | 'event' | 'shortcut';
// Listeners are stored untyped: each was type-checked against Bolt's signature when registered.
type Listener = (args: never) => Promise<void>;
type Dispatch = (args: object) => Promise<void>;

/** What the router reads of global middleware arguments (Bolt sets only the one of its kind). */
interface RoutedArgs {
  body: { type?: unknown };
  command?: { command?: unknown };
  action?: { action_id?: unknown };
  view?: { callback_id?: unknown };
  event?: { type?: unknown };
  shortcut?: { callback_id?: unknown };
  next: () => Promise<void>;
}

export function listenerRouter(app: App): ListenerApp {
  const routes: Record<Kind, Map<string, Listener>> = {
    command: new Map(),
    action: new Map(),
    view: new Map(),
    event: new Map(),
    shortcut: new Map(),
  };
  const find = (kind: Kind, key: unknown) => (typeof key === 'string' ? routes[kind].get(key) : undefined);
  const routeOf = (args: RoutedArgs): Listener | undefined => {
    if (args.command) return find('command', args.command.command);
    if (args.action) return find('action', args.action.action_id);
    if (args.view)
      return args.body.type === 'view_submission' ? find('view', args.view.callback_id) : undefined;
    if (args.event) return find('event', args.event.type);
    if (args.shortcut) return find('shortcut', args.shortcut.callback_id);
    return undefined;
  };
  app.use(async (args) => {
    const routed = args as unknown as RoutedArgs;
    const listener = routeOf(routed);
    if (listener) await (listener as unknown as Dispatch)(args);
    else await routed.next();
  });
  const add = (kind: Kind, key: unknown, listeners: unknown[]): boolean => {
    if (typeof key !== 'string' || listeners.length !== 1 || typeof listeners[0] !== 'function') return false;
    const table = routes[kind];
    if (table.has(key)) throw new Error(`A ${kind} listener for ${key} is already registered`);
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
    event: route('event', app.event.bind(app) as Register) as App['event'],
    shortcut: route('shortcut', app.shortcut.bind(app) as Register) as App['shortcut'],
  };
}
