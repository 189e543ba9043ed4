import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  OutputScrubber,
  REDACTED,
  RotationJournal,
  type JournalEntryInput,
} from '../../../../electron/backend/journal/index.js';
import {
  M1_DELAY,
  MKPART_VALUE_PROMPT,
  NEW_PASSWORD_CONFIRM_PROMPT,
  SIGKEY_PASSWORD_PROMPT,
} from '../../../../shared/tke/messages.js';
import { tempDataDir } from './helpers.js';

const SECRET = 'passw0rd';

describe('OutputScrubber', () => {
  it('replaces every occurrence of a typed secret, given as string or Buffer', () => {
    const scrubber = new OutputScrubber();
    expect(scrubber.scrub(`x ${SECRET} y ${SECRET}`, [SECRET])).toBe(`x ${REDACTED} y ${REDACTED}`);
    expect(scrubber.scrub(`>${SECRET}<`, [Buffer.from(SECRET)])).toBe(`>${REDACTED}<`);
    expect(scrubber.scrub('nothing here', ['', SECRET])).toBe('nothing here');
  });

  it('redacts an echoed answer after a password prompt even when the secret is not passed', () => {
    const scrubber = new OutputScrubber();
    const out = [SIGKEY_PASSWORD_PROMPT, 'admin1 (3C0F0A11)', '> ', 'hunter2', '', M1_DELAY, 'ordinary line'].map(
      (line) => scrubber.scrub(line),
    );
    expect(out).toEqual([SIGKEY_PASSWORD_PROMPT, 'admin1 (3C0F0A11)', '> ', REDACTED, '', M1_DELAY, 'ordinary line']);
  });

  it('redacts an answer echoed on the prompt-mark line and keeps recognised output after it', () => {
    const scrubber = new OutputScrubber();
    const out = ['Enter the password for the master key part identified by:', '> s3cret!', 'OK'].map((l) =>
      scrubber.scrub(l),
    );
    expect(out).toEqual(['Enter the password for the master key part identified by:', `> ${REDACTED}`, 'OK']);
  });

  it('keeps unrecognised lines outside the password window and after the next prompt', () => {
    const scrubber = new OutputScrubber();
    expect(scrubber.scrub('some table row 1 2 3')).toBe('some table row 1 2 3');
    scrubber.scrub('Password:');
    expect(scrubber.scrub('\u001b[1msecret\u001b[0m')).toBe(REDACTED);
    expect(scrubber.scrub('Continue? (y/N)')).toBe('Continue? (y/N)');
    expect(scrubber.scrub('y')).toBe('y');
  });

  it('opens the window when the runner reports a password answer, and closes on reset', () => {
    const scrubber = new OutputScrubber();
    scrubber.notePasswordAnswered();
    expect(scrubber.scrub('leaked')).toBe(REDACTED);
    scrubber.reset();
    expect(scrubber.scrub('leaked')).toBe('leaked');
  });
});

describe('RotationJournal.appendOutput', () => {
  it('never stores a typed password, even when the terminal echoes it', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), {
      flow: 'keyparts',
      mode: 'training',
      host: 'h',
      user: 'u',
    });
    await journal.append({ kind: 'command-started', data: { argv: ['tke', 'cryptounit-mk-load'], mode: 'training' } });
    await journal.appendOutput(SIGKEY_PASSWORD_PROMPT);
    await journal.append({ kind: 'prompt-answered', data: { promptKind: 'password', fact: 'password entered' } });
    await journal.appendOutput('> ');
    await journal.append({ kind: 'output', data: { line: 'plain-echo-without-secret-set' } });
    await journal.appendOutput(`Error: ${SECRET} rejected`, { secrets: [SECRET] });
    await journal.appendOutput(SIGKEY_PASSWORD_PROMPT);
    await journal.appendOutput(`> ${SECRET}`, { secrets: [SECRET] });
    await journal.appendOutput('OK');
    await journal.close();
    const text = await readFile(journal.path, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('plain-echo-without-secret-set');
    expect(text).toContain('password entered');
  });
});

describe('RotationJournal.appendBatch', () => {
  it('scrubs a password prompt and its answer inside one batch as it does for single appends', async () => {
    const inputs: JournalEntryInput[] = [
      { kind: 'command-started', data: { argv: ['tke', 'cryptounit-mk-load'], mode: 'training' } },
      { kind: 'output', data: { line: SIGKEY_PASSWORD_PROMPT, stream: 'pty' } },
      { kind: 'output', data: { line: 'admin1 (3C0F0A11)', stream: 'pty' } },
      { kind: 'prompt-answered', data: { promptKind: 'password', fact: `typed ${SECRET}` } },
      { kind: 'output', data: { line: '> ', stream: 'pty' } },
      { kind: 'output', data: { line: 'echo-without-secret-set', stream: 'pty' } },
      { kind: 'output', data: { line: `Error: ${SECRET} rejected`, stream: 'pty' } },
      { kind: 'output', data: { line: SIGKEY_PASSWORD_PROMPT, stream: 'pty' } },
      { kind: 'output', data: { line: `> ${SECRET}`, stream: 'pty' } },
      { kind: 'output', data: { line: 'OK', stream: 'pty' } },
    ];
    const stored = async (batched: boolean): Promise<string[]> => {
      const journal = await RotationJournal.create(await tempDataDir(), {
        flow: 'keyparts',
        mode: 'training',
        host: 'h',
        user: 'u',
      });
      if (batched) await journal.appendBatch(inputs, [SECRET]);
      else for (const input of inputs) await journal.append(input, [SECRET]);
      await journal.close();
      const text = await readFile(journal.path, 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('echo-without-secret-set');
      return text
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => JSON.stringify((JSON.parse(line) as { data: unknown }).data));
    };
    const batched = await stored(true);
    expect(batched).toEqual(await stored(false));
    expect(batched).toEqual([
      JSON.stringify({ argv: ['tke', 'cryptounit-mk-load'], mode: 'training' }),
      JSON.stringify({ line: SIGKEY_PASSWORD_PROMPT, stream: 'pty' }),
      JSON.stringify({ line: 'admin1 (3C0F0A11)', stream: 'pty' }),
      JSON.stringify({ fact: 'password entered', promptKind: 'password' }),
      JSON.stringify({ line: '> ', stream: 'pty' }),
      JSON.stringify({ line: REDACTED, stream: 'pty' }),
      JSON.stringify({ line: `Error: ${REDACTED} rejected`, stream: 'pty' }),
      JSON.stringify({ line: SIGKEY_PASSWORD_PROMPT, stream: 'pty' }),
      JSON.stringify({ line: `> ${REDACTED}`, stream: 'pty' }),
      JSON.stringify({ line: 'OK', stream: 'pty' }),
    ]);
  });
});

describe('secrets the journal redacts even when a caller passes them', () => {
  const S = 'Zq7-secret-journal-4Tw';

  it('recognises every secret prompt wording, and an answer echoed on an inline prompt', () => {
    const scrubber = new OutputScrubber();
    expect(scrubber.scrub(NEW_PASSWORD_CONFIRM_PROMPT)).toBe(NEW_PASSWORD_CONFIRM_PROMPT);
    expect(scrubber.scrub(S)).toBe(REDACTED);
    scrubber.reset();
    expect(scrubber.scrub(MKPART_VALUE_PROMPT)).toBe(MKPART_VALUE_PROMPT);
    expect(scrubber.scrub(`> ${'ab'.repeat(32)}`)).toBe(`> ${REDACTED}`);
    expect(scrubber.scrub(`Password> ${S}`)).toBe(`Password> ${REDACTED}`);
    expect(scrubber.scrub('Email> admin@example.com')).toBe('Email> admin@example.com');
    expect(scrubber.scrub(`Incorrect Usage: flag provided but not defined: -p${S}`)).not.toContain(S);
  });

  it('redacts credentials in argv, classifications, decisions and imports, and any answer to a secret prompt', async () => {
    const journal = await RotationJournal.create(await tempDataDir(), {
      flow: 'auto',
      mode: 'live',
      host: 'h',
      user: 'u',
    });
    await journal.append({ kind: 'command-started', data: { argv: ['login', '-u', 'admin', '-p', S], mode: 'live' } });
    await journal.append({ kind: 'prompt-answered', data: { promptKind: 'password', fact: `answered ${S}` } });
    await journal.append({
      kind: 'prompt-answered',
      data: { promptKind: 'Enter the API key:', fact: `answered ${S}` },
    });
    await journal.append({
      kind: 'classification',
      data: {
        phase: 'idle',
        next: [],
        forbidden: [],
        reason: `after ibmcloud login -u admin -p ${S}`,
        evidence: [
          { file: `journal#2 ibmcloud login --apikey=${S}`, line: 1, text: `$ IBMCLOUD_API_KEY=${S} ibmcloud` },
        ],
      },
    });
    await journal.append({ kind: 'decision', data: { what: `refused by the app: ibmcloud login --password ${S}` } });
    await journal.append({
      kind: 'imported-output',
      data: { firstLine: 1, lines: [`$ ibmcloud login --apikey ${S}`] },
    });
    await journal.appendOutput(`$ ibmcloud login -p ${S}`);
    await journal.close();
    const text = await readFile(journal.path, 'utf8');
    expect(text).not.toContain(S);
    expect(text).toContain('"argv":["login","-u","admin","-p","[redacted]"]');
    expect(text.match(/"fact":"password entered"/g)).toHaveLength(2);
    expect(text).toContain('after ibmcloud login -u admin -p [redacted]');
  });
});
