/**
 * One value per server process. Next.js bundles the proxy, the route
 * handlers and the pages apart, each with its own copy of every module, but
 * runs them in one process: a value kept on `globalThis` under a registered
 * symbol is the same for all of them (one store connection, one
 * coordinator, one clock offset).
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const slots = globalThis as typeof globalThis & Record<symbol, unknown>;
  const key = Symbol.for(`nomos-hems.${name}`);
  // The slot holds what `create` made under this name: the cast restores its type.
  return (slots[key] ??= create()) as T;
}
