// `npm start`: the desktop app when an Electron binary is available; otherwise (as on machines
// where it cannot be downloaded) the same app in the browser through `mkra serve --demo`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = join(root, 'node_modules', 'electron');
const pathFile = join(pkg, 'path.txt');
let binary = process.env.ELECTRON_BINARY ?? null;
if (!binary && existsSync(pathFile)) binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
if (!binary || !existsSync(binary)) {
  // The electron package fetches its binary on first use; try that once, offline it fails fast.
  spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'ignore', timeout: 60_000 });
  if (existsSync(pathFile)) binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
}
if (binary && existsSync(binary)) {
  const child = spawn(binary, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('No Electron binary is available on this machine, so the app opens in your browser instead (demo mode).');
  console.log('Open the URL below in Chromium, Chrome, Firefox or Edge. Stop with Ctrl+C.');
  const child = spawn(process.execPath, [join(root, 'bin', 'mkra.js'), 'serve', '--demo'], { stdio: 'inherit' });
  const stop = () => child.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}
