import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The built console (`dist/web`, from `web/` by `npm run build`), found from wherever this file
 * runs (compiled under dist/src, or as TypeScript under src in tests); null when not built.
 */
export function builtConsoleDir(): string | null {
  let dir = __dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const web = path.join(dir, 'dist', 'web');
      return existsSync(path.join(web, 'index.html')) ? web : null;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * First path segments that belong to the API, the docs and the health checks: an unknown path
 * under them is a 404 from the API, never the console's page. Any other path a browser asks for
 * gets the console's index.html, whose router shows the screen (or "not found").
 */
export const apiPrefixes = [
  'activities',
  'audit',
  'certificates',
  'console-config',
  'corrections',
  'credits',
  'docs',
  'events',
  'exemptions',
  'health',
  'imports',
  'metrics',
  'openapi.json',
  'organizers',
  'persons',
  'projections',
  'self-study-plans',
  'sessions',
  'sign-in-links',
  'spot-checks',
  'statistics',
  'work-queues',
  'year-audits',
];

const escaped = apiPrefixes.map((p) => p.replace(/[.]/g, '\\.')).join('|');
/** Paths the console's index.html answers: everything but the API prefixes and files with an extension. */
export const consoleRenderPath = new RegExp(
  `^/(?!(?:${escaped})(?:[/?#]|$))(?![^?#]*\\.[a-z0-9]+$).*`,
  'i',
);
