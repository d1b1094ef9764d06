/**
 * Injected failures for tests and demos. A path matches exactly or as a
 * prefix followed by `/`; a `*` segment matches any one segment.
 */
export type Fault = { segments: string[]; status: number | null; remaining: number; delayMs: number };

const split = (path: string) => path.split('/').filter(Boolean);

export function createFault(path: string, status: number | null, times: number, delayMs: number): Fault {
  return { segments: split(path), status, remaining: times, delayMs };
}

function matches(fault: Fault, path: string): boolean {
  const segments = split(path);
  if (segments.length < fault.segments.length) return false;
  return fault.segments.every((want, i) => want === '*' || want === segments[i]);
}

/** Consumes and returns the first live fault for the path, if any. */
export function takeFault(faults: Fault[], path: string): Fault | null {
  const fault = faults.find((f) => f.remaining > 0 && matches(f, path));
  if (!fault) return null;
  fault.remaining -= 1;
  return fault;
}
