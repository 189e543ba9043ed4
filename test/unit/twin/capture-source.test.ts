// The capture code has no path to a key file's contents or a password: its imports are a short known
// list (child_process to run ibmcloud, writeFile to create the twin, the parsers and the format), and
// no read, decrypt or password call appears in it. A new import or call here must be looked at.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const MODULES = [
  'electron/cli/twin.ts',
  'electron/cli/args.ts',
  'shared/twin/capture.ts',
  'shared/twin/capture-run.ts',
];

const ALLOWED_IMPORTS: Record<string, string[]> = {
  'node:child_process': ['execFile'],
  'node:fs/promises': ['writeFile'],
  'node:util': ['parseArgs', 'type ParseArgsConfig'],
  '../../shared/twin/capture-run.js': [
    'captureTwin',
    'defaultTwinName',
    'NoCliError',
    'type CommandResult',
    'type TwinRun',
  ],
  './capture.js': [
    'buildTwin',
    'CAPTURE_COMMANDS',
    'CaptureError',
    'OPTIONAL_READINGS',
    'VERSION_COMMANDS',
    'type CaptureReadings',
  ],
  '../security/credentials.js': ['redactCredentialText'],
  '../../shared/twin/capture.js': [
    'buildTwin',
    'CAPTURE_COMMANDS',
    'CaptureError',
    'OPTIONAL_READINGS',
    'VERSION_COMMANDS',
    'type CaptureReadings',
  ],
  '../../shared/twin/schema.js': ['parseTwin', 'serialiseTwin'],
  '../../shared/security/credentials.js': ['redactCredentialText'],
  '../backend/environment/detect-tke.js': ['findOnPath'],
  // The command line's argument parser: it reads argv only.
  './args.js': ['parseCommand', 'printUsageError', 'UsageError'],
  '../parse/index.js': [
    'parseAdmins',
    'parseCompare',
    'parseCryptoUnits',
    'parseMasterKeyParts',
    'parseRegisterListing',
    'parseSigKeys',
    'parseThresholds',
    'type AdminRow',
  ],
  '../tke/types.js': ['Register'],
  './schema.js': ['TWIN_FORMAT', 'parseTwin', 'serialiseTwin', 'type Twin', 'type TwinRegister', 'type TwinUnit'],
};

// Reading files, decrypting, key-file modules, passwords, the key files directory.
const FORBIDDEN = new RegExp(
  '\\b(readFile\\w*|readSync|createReadStream|open(Sync)?|readBounded|readdir\\w*|decrypt\\w*|pbkdf2\\w*|' +
    'createDecipher\\w*|password\\w*|passphrase|CLOUDTKEFILES|enckey|seaSalt|privateKey|keyfiles/|key-files)\\b',
  'i',
);

function code(path: string): string {
  // Comments may explain what the code never does; only code is searched.
  return readFileSync(join(ROOT, path), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

function imports(source: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of source.matchAll(/import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    out.set(
      m[2]!,
      m[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }
  return out;
}

describe('the capture modules', () => {
  it.each(MODULES)('%s imports only the allowed modules and names', (path) => {
    const source = code(path);
    const found = imports(source);
    expect(found.size).toBeGreaterThan(0);
    expect(source.match(/\bimport\b[^;]*;/g)?.length).toBe(found.size);
    expect(source).not.toMatch(/\brequire\s*\(|\bimport\s*\(/);
    for (const [from, names] of found) {
      expect(ALLOWED_IMPORTS[from], `${path} imports ${from}`).toBeDefined();
      for (const n of names) expect(ALLOWED_IMPORTS[from], `${path} imports ${n} from ${from}`).toContain(n);
    }
  });

  it.each(MODULES)('%s calls nothing that reads a file, decrypts or takes a password', (path) => {
    // Messages to the user may say "no passwords"; string contents are not code (imports are checked above).
    const hits = code(path)
      .replace(/'[^'\n]*'|"[^"\n]*"/g, "''")
      .split('\n')
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => FORBIDDEN.test(line))
      .map(({ line, i }) => `${path}:${i + 1}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });

  it('the file is created exclusively and private (never replaces one)', () => {
    expect(code('electron/cli/twin.ts')).toMatch(/writeFile\(path, text, \{ flag: 'wx', mode: 0o600 \}\)/);
  });
});
