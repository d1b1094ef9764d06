import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const script = new URL('./check-lockfile.mjs', import.meta.url).pathname;
const project = new URL('..', import.meta.url).pathname;
const manifest = readFileSync(join(project, 'package.json'), 'utf8');
const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { optionalDependencies?: Record<string, string> }>;
};

function check(packageJson: string, lockfile: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'lockfile-'));
  writeFileSync(join(dir, 'package.json'), packageJson);
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lockfile));
  const result = spawnSync(process.execPath, [script, dir], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('lockfile guard', () => {
  it('fails, saying how to fix it, when another platform’s native build is missing', () => {
    const packages = { ...lock.packages };
    delete packages['node_modules/@next/swc-darwin-arm64'];
    const result = check(manifest, { ...lock, packages });
    expect(result.status).toBe(1);
    expect(result.output).toContain('@next/swc-darwin-arm64');
    expect(result.output).toContain('npm install --package-lock-only');
  });

  it('fails when package.json asks for a range the lockfile does not record', () => {
    const changed = JSON.parse(manifest) as { dependencies: Record<string, string> };
    changed.dependencies.zod = '^99.0.0';
    const result = check(JSON.stringify(changed), lock);
    expect(result.status).toBe(1);
    expect(result.output).toContain('dependencies.zod');
  });

  it('passes for the committed lockfile', () => {
    const result = check(manifest, lock);
    expect(result.output).toContain('in sync');
    expect(result.status).toBe(0);
  });
});
