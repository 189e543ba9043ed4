// scripts/check-links.js (run by npm run lint) on a throw-away git checkout: good links pass, and each
// kind of bad one is reported with its file and line.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SCRIPT = resolve(import.meta.dirname, '../../../scripts/check-links.js');

function checkout(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'mkra-links-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '.'], { cwd: root });
  return root;
}

// Built from parts, so that the repository's own self-containment test does not read them as references.
const GUIDE = ['docs', 'guide.md'].join('/');
const run = (root: string) => spawnSync(process.execPath, [SCRIPT, '--root', root], { encoding: 'utf8' });

const GOOD = {
  'README.md': '# Title\n\nSee [the domain](docs/domain.md#sources) and `docs/domain.md`.\n',
  'docs/domain.md': '# Domain\n\nSee [the readme](../README.md) and [IBM](https://cloud.ibm.com/docs).\n',
  'src/a.ts':
    "// The recovery table of docs/domain.md; the page [hs-crypto: signing-service.md].\nexport const url = 'https://x.example/y';\n",
};

describe('check-links', () => {
  it('passes a checkout whose links and named paths all resolve inside it', () => {
    const r = run(checkout(GOOD));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('reports each bad link or path with file:line and exits 1', () => {
    const root = checkout({
      ...GOOD,
      [GUIDE]: '# Guide\n\nA [missing page](missing.md).\n\nThe [team notes](../../team/notes.md).\n',
      'src/b.ts':
        '/**\n * As /work/team/style.md says, and domain.md section 4.\n */\nexport const b = 1; // ../../outside/x.ts\n',
      'src/c.svelte': '<!-- from /home/alice/notes.md -->\n<p>hi</p>\n',
    });
    const r = run(root);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${GUIDE}:3: missing.md: no such file in the repository`,
      `${GUIDE}:5: ../../team/notes.md: leaves the repository`,
      'src/b.ts:2: /work/team/style.md: a path on one machine, outside the repository',
      'src/b.ts:2: domain.md: ambiguous; name it docs/domain.md',
      'src/b.ts:4: ../../outside/x.ts: leaves the repository',
      'src/c.svelte:1: /home/alice/notes.md: a path on one machine, outside the repository',
      'check-links: 6 path(s) that do not resolve inside the repository',
    ]);
  });

  it('passes this repository', () => {
    const r = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
