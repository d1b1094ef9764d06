/**
 * Values worked out from objects that do not change, kept as long as those
 * objects live. The caches of prices and usage hand out the same object for
 * as long as they hold the same data (`ConnectionCache`), so a page that
 * formats, searches or sums them can keep what it worked out under those
 * objects instead of doing it again on every view; new data is a new object,
 * and nothing kept under the old one is seen again.
 *
 * The owners MUST NOT be mutated after they are first used here, and `work`
 * MUST depend on nothing but the owners and what `key` says.
 */
type Node = { next: WeakMap<object, Node>; values: Map<string, unknown> };

const roots = new WeakMap<object, Node>();

/** Values kept per owner: a page asks for a handful (a day, a language). */
const VALUES_KEPT = 50;

export function derived<T>(owners: readonly [object, ...object[]], key: string, work: () => T): T {
  let level = roots;
  let node: Node | undefined;
  for (const owner of owners) {
    node = level.get(owner);
    if (!node) {
      node = { next: new WeakMap(), values: new Map() };
      level.set(owner, node);
    }
    level = node.next;
  }
  // `owners` has at least one element, so the loop set `node`.
  const values = (node as Node).values;
  if (values.has(key)) {
    // Stored by this very call under the same owners and key: the cast restores its type.
    return values.get(key) as T;
  }
  const value = work();
  if (values.size >= VALUES_KEPT) values.clear();
  values.set(key, value);
  return value;
}
