/**
 * Something a whole test file shares (a database, an emulator): started in beforeAll, stopped in
 * afterAll, and usable from the top of the file through the returned getter once beforeAll ran.
 */
export function useForTestFile<T>(
  what: string,
  start: () => Promise<T>,
  stop: (value: T) => Promise<void>,
): () => T {
  let started: { value: T } | undefined;
  beforeAll(async () => {
    started = { value: await start() };
  }, 60_000);
  afterAll(async () => {
    if (started) await stop(started.value);
  });
  return () => {
    if (!started) throw new Error(`${what} exists from beforeAll on: use it inside hooks and tests`);
    return started.value;
  };
}

/** An object whose `keys` read through to `current()` each time: a handle to take before beforeAll. */
export function lateBound<T extends object, K extends keyof T>(
  current: () => T,
  keys: readonly K[],
): Pick<T, K> {
  const handle = {} as Pick<T, K>;
  for (const key of keys) Object.defineProperty(handle, key, { get: () => current()[key], enumerable: true });
  return handle;
}
