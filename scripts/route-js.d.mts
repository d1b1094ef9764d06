export const ROUTE_JS_BUDGET: Record<string, number>;
export function routeFiles(
  route: string,
  buildManifest: { rootMainFiles: string[]; polyfillFiles: string[] },
  clientManifest: { entryJSFiles?: Record<string, string[]> },
): string[];
export function measureRoutes(routes: string[]): { route: string; files: string[]; bytes: number }[];
