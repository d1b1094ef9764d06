// Fails when package-lock.json would be refused by `npm ci` on some machine:
// out of sync with package.json, or missing another platform's optional
// package (the native builds of SWC, Tailwind's oxide, lightningcss, …
// that npm only installs where they fit, but `npm ci` expects every one of
// them in the lockfile). Pure file reading: no registry, no node_modules.
import { readFileSync } from 'node:fs';

const FIX =
  'Fix: run `npm install --package-lock-only` with a registry that serves every platform, and commit package-lock.json.';

// The project folder: the one given on the command line, else this script's parent.
const root = process.argv[2]
  ? new URL(`file://${process.argv[2].replace(/\/?$/, '/')}`)
  : new URL('..', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'));
const problems = [];

if (lock.lockfileVersion < 2 || !lock.packages) {
  problems.push(`lockfileVersion ${lock.lockfileVersion} has no "packages" map`);
} else {
  // 1. The root entry mirrors package.json's dependency ranges exactly.
  const rootEntry = lock.packages[''] ?? {};
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
    const wanted = manifest[field] ?? {};
    const locked = rootEntry[field] ?? {};
    for (const [name, range] of Object.entries(wanted)) {
      if (locked[name] !== range) {
        problems.push(`${field}.${name}: package.json says ${range}, the lockfile ${locked[name] ?? 'nothing'}`);
      }
      if (!lock.packages[`node_modules/${name}`]) problems.push(`${name} is in package.json but not locked`);
    }
    for (const name of Object.keys(locked)) {
      if (!(name in wanted)) problems.push(`${field}.${name} is locked but no longer in package.json`);
    }
  }

  // 2. Every optional dependency of every locked package is locked too,
  // resolved the way Node resolves it (nested node_modules, then upwards).
  const resolves = (from, name) => {
    let dir = from;
    for (;;) {
      if (lock.packages[`${dir ? `${dir}/` : ''}node_modules/${name}`]) return true;
      if (!dir) return false;
      const cut = dir.lastIndexOf('/node_modules/');
      dir = cut === -1 ? '' : dir.slice(0, cut);
    }
  };
  let platformPackages = 0;
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.os || entry.cpu) platformPackages++;
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      if (!resolves(path, name)) problems.push(`${path || 'the root'} lists ${name} as optional, but it is not locked`);
    }
  }
  // A lockfile written on one platform only has no os/cpu-bound entries
  // beyond that platform's; Next.js alone ships several.
  const families = ['@next/swc-', '@tailwindcss/oxide-', 'lightningcss-'];
  for (const family of families) {
    const count = Object.keys(lock.packages).filter((path) => path.includes(`node_modules/${family}`)).length;
    if (count > 0 && count < 3) problems.push(`only ${count} ${family}* build(s) locked: other platforms are missing`);
  }
  if (problems.length === 0) {
    console.log(
      `[lockfile] in sync with package.json; ${platformPackages} platform-specific packages locked for every platform`,
    );
  }
}

if (problems.length > 0) {
  console.error(`[lockfile] package-lock.json would break \`npm ci\` on some machine:`);
  for (const problem of problems.slice(0, 20)) console.error(`  - ${problem}`);
  if (problems.length > 20) console.error(`  … and ${problems.length - 20} more`);
  console.error(FIX);
  process.exit(1);
}
