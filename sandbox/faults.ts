/**
 * Injected failures for tests and demos. A path matches exactly or as a
 * prefix followed by `/`; a `*` segment matches any one segment.
 *
 * A fault strikes `before` the request is processed (nothing happened on the
 * server) or `after` it (the work is done, a refresh token rotated, but the
 * client never gets the real answer). It strikes with a `status`, or by
 * dropping the connection without any answer; with neither it only delays.
 * A held fault (`after` only) keeps the real answer back until a test
 * releases it, so a drill can order what happens meanwhile without timing.
 */
export type FaultMoment = 'before' | 'after';

export type Fault = {
  segments: string[];
  status: number | null;
  drop: boolean;
  when: FaultMoment;
  remaining: number;
  delayMs: number;
  hold: boolean;
};

export type FaultSpec = {
  path: string;
  status: number | null;
  drop: boolean;
  when: FaultMoment;
  times: number;
  delayMs: number;
  hold: boolean;
};

const split = (path: string) => path.split('/').filter(Boolean);

export function createFault(spec: FaultSpec): Fault {
  return {
    segments: split(spec.path),
    status: spec.status,
    drop: spec.drop,
    when: spec.when,
    remaining: spec.times,
    delayMs: spec.delayMs,
    hold: spec.hold,
  };
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
