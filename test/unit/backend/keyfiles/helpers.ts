import { chmod, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'keyfiles');

const dirs: string[] = [];

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** An empty private (0700) workspace directory, removed after the test. */
export async function tempWorkspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mkra-keyfiles-'));
  dirs.push(dir);
  await chmod(dir, 0o700);
  return dir;
}

/** A private workspace holding copies of a fixture folder, each file 0600 as TKE would leave it. */
export async function workspaceFrom(...fixtureDirs: string[]): Promise<string> {
  const dir = await tempWorkspace();
  for (const fixture of fixtureDirs) await cp(join(FIXTURES, fixture), dir, { recursive: true });
  for (const name of await readdir(dir)) await chmod(join(dir, name), 0o600);
  return dir;
}
