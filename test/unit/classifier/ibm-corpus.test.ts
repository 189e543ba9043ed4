// The IBM corpus (test/fixtures/ibm, docs/corpus.md): transcripts written from IBM's pages and SDK,
// each with the phase and commands IBM's recovery tables and the product's documented rules give.
// Every case is checked as captured, then in three more capture forms that must classify exactly
// like it; the handwritten artefact cases must classify exactly like the plain case they name.
import { describe, expect, it } from 'vitest';
import {
  classify,
  FLOWS,
  parseRegistersInput,
  type Classification,
  type ClassifyInput,
} from '../../../shared/classifier/index.js';
import { decodeTranscript } from '../../../shared/parse/decode.js';
import {
  captureForm,
  FORMS,
  powershellTranscript,
  scriptTypescript,
  timestamped,
} from '../../fixtures/ibm/capture-forms.js';
import { loadCorpus, type CaseFile, type CorpusCase } from '../../fixtures/ibm/corpus.js';

/** The nine phases of the product's rules; the corpus must reach each of them. */
const RULE_PHASES = [
  'no-rotation',
  'auth-expired',
  'precheck-failed',
  'failed-before-new-key',
  'rewrap-interrupted',
  'rewrap-complete',
  'partially-promoted',
  'completed',
  'indeterminate',
];

/**
 * Commands that change a crypto unit (docs/tke-commands.md, "Commands by effect"): signed, so in the
 * smart-card flow only the TKE application, holding the cards, can run them.
 */
const SIGNED = [
  'auto-init',
  'auto-recover',
  'auto-mk-recover',
  'auto-mk-rotate',
  'cryptounit-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
  'cryptounit-mk-clrcur',
  'cryptounit-zeroize',
  'cryptounit-admin-add',
  'cryptounit-admin-rm',
  'cryptounit-thrhld-set',
  'cryptounit-exit-impr',
  'cryptounit-cp',
  'cryptounit-cp-btc',
  'cryptounit-cp-eddsa',
  'cryptounit-cp-sig-other',
  'failover-enable',
].map((c) => `ibmcloud tke ${c}`);

const corpus = loadCorpus();
const byId = new Map(corpus.map((c) => [c.id, c]));
const base = corpus.filter((c) => c.plainCase === undefined);
const artefacts = corpus.filter((c) => c.plainCase !== undefined);

interface Transcript {
  file: string;
  text: string;
}

interface Run {
  result: Classification;
  /** What kept the case from being classified as given (an unknown flow, an unread register file). */
  notes: string[];
}

function decode(f: CaseFile): string {
  const d = decodeTranscript(f.bytes);
  if (!d.ok) throw new Error(`${f.file}: ${d.reason}`);
  return d.text;
}

function plainTranscripts(c: CorpusCase): Transcript[] {
  return c.transcripts.map((f) => ({ file: f.file, text: decode(f) }));
}

function run(c: CorpusCase, transcripts: Transcript[]): Run {
  const notes: string[] = [];
  const input: ClassifyInput = { transcripts };
  if (c.flow !== undefined) {
    const flow = FLOWS.find((f) => f === c.flow);
    if (flow === undefined)
      notes.push(`flow "${c.flow}" is not accepted (the classifier knows ${FLOWS.join(', ')}): classified without it`);
    else input.flow = flow;
  }
  if (c.registers !== undefined) {
    const parsed = parseRegistersInput(decode(c.registers));
    if (parsed.ok) {
      input.registers = parsed.units;
      input.registersFile = c.registers.file;
    } else {
      notes.push(`registers.txt was not read (${parsed.reason}): classified without it`);
    }
  }
  return { result: classify(input), notes };
}

const commands = (advice: Classification['next']): string[] => advice.map((a) => a.command);
const sorted = <T extends string | number>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => String(a).localeCompare(String(b), 'en', { numeric: true }));
const same = <T extends string | number>(a: readonly T[], b: readonly T[]): boolean =>
  JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
const list = (xs: readonly unknown[]): string => JSON.stringify(xs);

/** Every way the classification misses the case's expectation, in words; empty when it meets it. */
function problems(c: CorpusCase, r: Run): string[] {
  const e = c.expect;
  const got = r.result;
  const next = commands(got.next);
  const forbidden = new Set(commands(got.forbidden));
  const out = [...r.notes];
  if (got.phase !== e.phase) out.push(`phase: expected ${e.phase}, got ${got.phase}`);
  if (list(next.slice(0, e.next.length)) !== list(e.next))
    out.push(`next: expected to start with ${list(e.next)}, got ${list(next)}`);
  for (const cmd of e.forbids) if (!forbidden.has(cmd)) out.push(`not forbidden: ${cmd}`);
  for (const cmd of e.allows) if (forbidden.has(cmd)) out.push(`forbidden but must be allowed: ${cmd}`);
  for (const cmd of next) if (forbidden.has(cmd)) out.push(`advised and forbidden at once: ${cmd}`);
  if (e.failedChecks !== undefined && !same(e.failedChecks, got.failedChecks))
    out.push(`failedChecks: expected ${list(sorted(e.failedChecks))}, got ${list(got.failedChecks)}`);
  if (e.unitsToDeselect !== undefined && !same(e.unitsToDeselect, got.unitsToDeselect))
    out.push(`unitsToDeselect: expected ${list(sorted(e.unitsToDeselect))}, got ${list(got.unitsToDeselect)}`);
  if (e.stop && (got.stop === undefined || got.stop.trim() === '' || next.length > 0))
    out.push(`stop: expected a stop with nothing advised, got stop=${list([got.stop ?? null])} next=${list(next)}`);
  if (!e.stop && got.stop !== undefined) out.push(`stop: none expected, got ${list([got.stop])}`);
  if (c.flow === 'smartcard')
    for (const cmd of next) if (SIGNED.includes(cmd)) out.push(`smart-card flow advises a signed CLI command: ${cmd}`);
  return out;
}

/** What the administrator is told: equal for two captures of the same run. */
function decision(r: Run): unknown {
  const c = r.result;
  return {
    phase: c.phase,
    flow: c.flow,
    next: commands(c.next),
    forbidden: sorted(commands(c.forbidden)),
    failedChecks: sorted(c.failedChecks),
    unitsToDeselect: sorted(c.unitsToDeselect),
    stop: c.stop !== undefined,
    notes: r.notes,
  };
}

const plainRuns = new Map<string, Run>();
function plainRun(c: CorpusCase): Run {
  let r = plainRuns.get(c.id);
  if (r === undefined) {
    r = run(c, plainTranscripts(c));
    plainRuns.set(c.id, r);
  }
  return r;
}

const named = (cases: readonly CorpusCase[]) => cases.map((c) => [c.id, c] as const);

describe('IBM corpus: shape', () => {
  it('has at least 60 base cases that reach every phase of the rules', () => {
    expect(base.length).toBeGreaterThanOrEqual(60);
    expect(sorted([...new Set(base.map((c) => c.expect.phase))])).toEqual(sorted(RULE_PHASES));
  });

  it('names, for each artefact case, a plain case with the same expectation', () => {
    expect(artefacts.length).toBeGreaterThanOrEqual(6);
    for (const a of artefacts) {
      const plain = byId.get(a.plainCase ?? '');
      expect(plain?.plainCase, `${a.id} -> ${a.plainCase ?? ''}`).toBeUndefined();
      expect(a.expect, a.id).toEqual(plain?.expect);
    }
  });
});

describe('IBM corpus: each case as captured', () => {
  it.each(named(base))('%s', (_id, c) => {
    expect(problems(c, plainRun(c)).join('\n')).toBe('');
  });
});

describe.each(FORMS)('IBM corpus: each case as a %s capture classifies as the plain one', (form) => {
  it.each(named(base))('%s', (_id, c) => {
    const transcripts = plainTranscripts(c).map((t) => ({
      file: t.file,
      text: decode({ file: t.file, bytes: captureForm(form, t.text) }),
    }));
    expect(decision(run(c, transcripts))).toEqual(decision(plainRun(c)));
  });
});

describe('IBM corpus: handwritten capture artefacts', () => {
  it.each(named(artefacts))('%s', (_id, c) => {
    const r = run(c, plainTranscripts(c));
    const plain = byId.get(c.plainCase ?? '');
    if (plain === undefined) throw new Error(`${c.id}: no plain case ${c.plainCase ?? ''}`);
    expect(problems(c, r).join('\n')).toBe('');
    expect(decision(r)).toEqual(decision(plainRun(plain)));
  });
});

describe('capture forms carry the artefacts they claim', () => {
  const sample = [
    '$ ibmcloud tke auto-mk-rotate',
    'Reencrypted 1200 of 2400 keys....',
    'Delaying 30 seconds to allow server to discover new master key values',
    'OK',
    'FAILED',
    '',
  ].join('\n');

  it('timestamped: every line starts with an ISO-8601 time and a level', () => {
    const lines = new TextDecoder().decode(timestamped(sample)).split('\n').slice(0, -1);
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (?:INFO|ERROR) /);
    expect(lines[4]).toMatch(/Z ERROR FAILED$/);
  });

  it('script: header, CRLF, colours, CR after the milestone, CR rewrites, backspace correction', () => {
    const t = new TextDecoder().decode(scriptTypescript(sample));
    expect(t).toMatch(/^Script started on /);
    expect(t).toContain('\x1b[32mOK\x1b[0m\r\n');
    expect(t).toContain('\x1b[31;1mFAILED\x1b[0m\r\n');
    expect(t).toContain('master key values\x1b[0m\r\r\n');
    expect(t).toContain(
      'Reencrypted 0 of 2400 keys....\rReencrypted 600 of 2400 keys....\rReencrypted 1200 of 2400 keys....\r\n',
    );
    expect(t).toContain('ibmcloud tke auto-mk-rotaet\b\x1b[K\b\x1b[Kte\r\n');
  });

  it('powershell: UTF-16LE with BOM, header block, PS prompts', () => {
    const bytes = powershellTranscript(sample);
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    const t = new TextDecoder('utf-16le').decode(bytes.subarray(2));
    expect(t).toMatch(/^\*{22}\r\nWindows PowerShell transcript start\r\n/);
    expect(t).toContain('\r\nPS C:\\Users\\admin> ibmcloud tke auto-mk-rotate\r\n');
    expect(t).toMatch(/Windows PowerShell transcript end\r\nEnd time: \d{14}\r\n\*{22}\r\n$/);
  });
});
