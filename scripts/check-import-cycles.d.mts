/** An import, at its line. */
export type Edge = { target: string; line: number; typeOnly: boolean };

/** The import graph of the project at `root`, paths relative to it. */
export function importGraph(root: string): Map<string, Edge[]>;
/** The groups of modules that import each other, each sorted. */
export function cycles(graph: Map<string, Edge[]>): string[][];
/** One shortest cycle through the first module of `component`, a line per import. */
export function describeCycle(graph: Map<string, Edge[]>, component: string[]): string[];
