/**
 * Every row of the recovery table (both flows), from realistic captures — `script` typescripts,
 * UTF-16 PowerShell transcripts, terminal exports, piped stdout — through the backend's analysis:
 * decode, classify with evidence at the original file and line, then again with a register reading.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisService, type AnalysisRotations } from '../../../electron/backend/analysis/analysis-service.js';
import type { AnalysisView } from '../../../shared/analysis/types.js';
import { captureCases, type Expected } from './capture-cases.js';

function fakeRotations(listing: string[] | null): AnalysisRotations & { reads: string[][] } {
  const reads: string[][] = [];
  return {
    reads,
    read: async (argv) => {
      reads.push(argv);
      return { exitCode: 0, lines: listing ?? [] };
    },
    state: () => ({ rotation: null, running: null }),
    importRun: () => Promise.reject(new Error('not in this test')),
    confirmReview: () => Promise.reject(new Error('not in this test')),
    importState: () => null,
  };
}

function classified(view: AnalysisView): Extract<AnalysisView, { status: 'classified' }> {
  if (view.status !== 'classified') throw new Error(`unusable: ${JSON.stringify(view.problems)}`);
  return view;
}

function expectFindings(
  view: Extract<AnalysisView, { status: 'classified' }>,
  e: Pick<Expected, 'phase' | 'next' | 'forbids' | 'evidence'>,
): void {
  const c = view.classification;
  expect(c.phase).toBe(e.phase);
  expect(c.next[0]?.command).toBe(e.next);
  const forbidden = c.forbidden.map((f) => f.command);
  for (const command of e.forbids) expect(forbidden).toContain(command);
  // Each line of a capture is cited once (a command line is both an attempt's start and its failure).
  const cited = c.evidence.filter((x) => x.line > 0).map((x) => `${x.file}:${x.line}`);
  expect(cited).toEqual([...new Set(cited)]);
  for (const want of e.evidence) {
    expect(c.evidence, `${want.file}:${want.line} ${want.contains}`).toContainEqual(
      expect.objectContaining({ file: want.file, line: want.line, text: expect.stringContaining(want.contains) }),
    );
  }
}

const cases = captureCases();

describe('recovery table from realistic captures', () => {
  it('has a capture for every row of both flows, including UTF-16 PowerShell and a script typescript', () => {
    const phases = new Set(cases.flatMap((c) => [c.expected.phase, c.expected.registers?.phase ?? c.expected.phase]));
    for (const phase of [
      'failed-before-new-key',
      'rewrap-interrupted',
      'rewrap-complete',
      'partially-promoted',
      'auth-expired',
      'precheck-failed',
      'completed',
      'indeterminate',
    ])
      expect(phases).toContain(phase);
    expect(
      cases.some((c) => c.name.startsWith('keyparts-') && c.expected.registers?.phase === 'partially-promoted'),
    ).toBe(true);
    const raw = (c: (typeof cases)[number]) => Buffer.from(c.inputs[0]?.base64 ?? '', 'base64');
    expect(cases.some((c) => raw(c)[0] === 0xff && raw(c)[1] === 0xfe)).toBe(true);
    expect(cases.some((c) => raw(c).toString('utf8').startsWith('Script started on'))).toBe(true);
  });

  for (const c of cases) {
    it(`${c.name} (${c.expected.row}): ${c.expected.phase}${c.expected.registers ? ` then ${c.expected.registers.phase} with registers` : ''}`, async () => {
      const rotations = fakeRotations(c.registers);
      const service = new AnalysisService(rotations, () => new Date('2026-03-02T10:00:00Z'));
      const view = classified(service.classify(c.inputs, c.expected.command));
      expectFindings(view, c.expected);
      expect(view.files.map((f) => f.name)).toEqual(c.inputs.map((i) => i.name));
      expect(rotations.reads).toEqual([]);
      if (!c.expected.registers || !c.registers) return;
      const again = classified(await service.readRegisters(view.analysisId));
      expect(rotations.reads).toEqual([['tke', 'cryptounit-mks']]);
      expect(again.registers?.units.length).toBeGreaterThan(0);
      expect(again.classification.phase).toBe(c.expected.registers.phase);
      if (c.expected.registers.next) expect(again.classification.next[0]?.command).toBe(c.expected.registers.next);
      expect(again.classification.unitsToDeselect).toEqual(c.expected.registers.unitsToDeselect ?? []);
    });
  }

  it('without the stated command, output that does not show its command is not taken for a rotation', () => {
    const c = cases.find((x) => x.name === 'auto-hsm-error-no-command');
    const view = classified(new AnalysisService(fakeRotations(null)).classify(c?.inputs ?? [], 'other'));
    expect(view.classification.phase).toBe('no-rotation');
    expect(view.files[0]?.commandStated).toBe(false);
  });

  it('a stated command is not added when the output shows its own command line', () => {
    const c = cases.find((x) => x.name === 'auto-m1-powershell-utf16');
    const view = classified(new AnalysisService(fakeRotations(null)).classify(c?.inputs ?? [], 'cryptounit-mk-setimm'));
    expect(view.files[0]).toMatchObject({ commandStated: false, encoding: 'utf-16le', format: 'powershell' });
    expect(view.classification.phase).toBe('rewrap-interrupted');
  });
});
