#!/usr/bin/env node
// The repository stands on its own: every relative markdown link in README.md and docs/**/*.md, and
// every path that prose or a source comment names (`docs/<name>.md`, `../<path>`), must resolve to a file
// inside the repository; a path that leaves it (up past the root, or a machine's own absolute path) fails, and
// outside docs/ a bare `x.md` that is one of docs/ must say `docs/<name>.md` (it may mean another's).
// Prints file:line for each problem and exits 1; run by `npm run lint`.
// Usage: node scripts/check-links.js [--root DIR]   (DIR: a git checkout, default this repository)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = /\.(ts|js|mjs|cjs|svelte)$/;
/** Absolute paths of the machine a file was written on: never valid in someone else's checkout. */
const MACHINE_PATH = /(?:^|[\s`'"(=:])((?:\/work|\/root|\/home\/[\w.-]+|\/Users\/[\w.-]+)(?:\/[\w.@+-]*)*)/g;
/** Markdown links: [text](target "title"). */
const MD_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
/** Paths named in prose or comments: `../<path>` or `docs/<path>` (`./<path>` is too often a command typed at a prompt). */
const PATH_MENTION = /(?:^|[\s`'"([])((?:\.\.\/)+[\w.@/-]*[\w/]|docs\/[\w./-]*[\w])(?=$|[\s`'",;:)\].#!?])/g;
/** A bare `x.md`: outside docs/ it is ambiguous when docs/ has one (it may mean another project's). */
const BARE_MD = /(?:^|[^\w./-])([\w-]+\.md)\b/g;

/**
 * The comment text of each line of a source file ('' where a line has no comment): `//`, `/* *\/`
 * and `<!-- -->`, skipping string literals ('…' and "…" end with their line, `…` may span lines).
 */
export function commentLines(text) {
  const out = [''];
  let state = 'code';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (c === '\n') {
      out.push('');
      if (state === 'line' || state === "'" || state === '"') state = 'code';
      continue;
    }
    if (state === 'code') {
      if (two === '//') [state, i] = ['line', i + 1];
      else if (two === '/*') [state, i] = ['block', i + 1];
      else if (text.startsWith('<!--', i)) [state, i] = ['html', i + 3];
      else if (c === "'" || c === '"' || c === '`') state = c;
    } else if (state === 'line' || state === 'block' || state === 'html') {
      if (state === 'block' && two === '*/') [state, i] = ['code', i + 1];
      else if (state === 'html' && text.startsWith('-->', i)) [state, i] = ['code', i + 2];
      else out[out.length - 1] += c;
    } else if (c === '\\') i++;
    else if (c === state) state = 'code';
  }
  return out;
}

/** Problems with one path named on a line, or null when it resolves inside the repository. */
function judge(root, file, target, { bareFromRoot }) {
  const clean = decodeURI(target.replace(/[#?].*$/, ''));
  if (clean === '' || /^[a-z][a-z0-9+.-]*:/i.test(clean)) return null;
  if (isAbsolute(clean)) return `${target}: an absolute path; name the file relative to the repository`;
  const candidates = [resolve(dirname(join(root, file)), clean)];
  // `docs/...` may be named from the repository's root as well.
  if (bareFromRoot && !clean.startsWith('.')) candidates.push(resolve(root, clean));
  const inside = candidates.filter((path) => !relative(root, path).startsWith('..'));
  if (inside.length === 0) return `${target}: leaves the repository`;
  return inside.some((path) => existsSync(path)) ? null : `${target}: no such file in the repository`;
}

/** The problems of one file, as "file:line: message". */
export function checkFile(root, file, text) {
  const markdown = file.endsWith('.md');
  const lines = markdown ? text.split('\n') : commentLines(text);
  const problems = [];
  let fenced = false;
  lines.forEach((line, i) => {
    if (markdown && /^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const report = (why) => problems.push(`${file}:${i + 1}: ${why}`);
    for (const m of line.matchAll(MACHINE_PATH)) report(`${m[1]}: a path on one machine, outside the repository`);
    if (markdown)
      for (const m of line.matchAll(MD_LINK)) {
        const why = judge(root, file, m[1], { bareFromRoot: false });
        if (why) report(why);
      }
    if (fenced) return;
    const prose = line.replace(MD_LINK, ']()');
    for (const m of prose.matchAll(PATH_MENTION)) {
      const why = judge(root, file, m[1], { bareFromRoot: true });
      if (why) report(why);
    }
    if (file.startsWith('docs/')) return;
    for (const m of prose.matchAll(BARE_MD)) {
      if (m[1] !== 'README.md' && existsSync(join(root, 'docs', m[1])))
        report(`${m[1]}: ambiguous; name it docs/${m[1]}`);
    }
  });
  return problems;
}

/** The tracked files to check: README.md, docs/**\/*.md and every source file's comments. */
export function filesToCheck(root) {
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0');
  return tracked.filter((f) => f === 'README.md' || (f.startsWith('docs/') && f.endsWith('.md')) || SOURCE.test(f));
}

export function checkRepository(root) {
  return filesToCheck(root).flatMap((file) =>
    existsSync(join(root, file)) ? checkFile(root, file, readFileSync(join(root, file), 'utf8')) : [],
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root');
  const root = resolve(at >= 0 ? (process.argv[at + 1] ?? '.') : fileURLToPath(new URL('..', import.meta.url)));
  const problems = checkRepository(root);
  for (const line of problems) process.stderr.write(`${line}\n`);
  if (problems.length > 0) {
    process.stderr.write(`check-links: ${problems.length} path(s) that do not resolve inside the repository\n`);
    process.exit(1);
  }
}
