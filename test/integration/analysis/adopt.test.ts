/**
 * A manual `auto-mk-rotate` that failed after M1 in the administrator's own terminal (real
 * simulator, piped stdin), analysed, read, adopted and recovered by the real rotation service:
 * the imported M1 keeps auto-mk-rotate refused as if the app had run it, nothing mutating runs
 * before the evidence is reviewed, and the journal and report cover the imported part.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AnalysisService } from '../../../electron/backend/analysis/analysis-service.js';
import { verifyJournal } from '../../../electron/backend/journal/index.js';
import { createReport } from '../../../electron/backend/reports/build-content.js';
import type { AnalysisView } from '../../../shared/analysis/types.js';
import { createHarness, PASSWORD } from '../rotation/harness.js';

const M1 = 'Delaying 30 seconds to allow server to discover new master key values';

function manualRun(simDir: string, tkeFiles: string, fault: string): Buffer {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MKRA_SIM_DIR: simDir,
    CLOUDTKEFILES: tkeFiles,
    MKRA_SIM_TIME_SCALE: '0',
    MKRA_SIM_FAULT: fault,
  };
  const r = spawnSync(process.execPath, ['bin/ibmcloud-sim.js', 'tke', 'auto-mk-rotate'], {
    env,
    input: `${PASSWORD}\n${PASSWORD}\n`,
  });
  return r.stdout;
}

function classified(view: AnalysisView): Extract<AnalysisView, { status: 'classified' }> {
  if (view.status !== 'classified') throw new Error(JSON.stringify(view.problems));
  return view;
}

describe('adopting a manual run that failed after M1', () => {
  it('keeps auto-mk-rotate refused, gates on the evidence review, recovers, and reports the imported part', async () => {
    const h = await createHarness();
    const output = manualRun(h.simDir, `${h.simDir}/tkefiles`, 'after-m1');
    expect(output.toString()).toContain(M1);
    const analysis = new AnalysisService(h.service);

    const first = classified(
      analysis.classify([{ name: 'terminal.txt', base64: output.toString('base64') }], 'auto-mk-rotate'),
    );
    expect(first.classification.phase).toBe('rewrap-interrupted');
    const m1Line =
      output
        .toString()
        .split('\n')
        .findIndex((l) => l.includes(M1)) + 1;
    expect(first.classification.evidence).toContainEqual({ file: 'terminal.txt', line: m1Line, text: M1 });
    expect(h.service.state().rotation).toBeNull();

    const read = classified(await analysis.readRegisters(first.analysisId));
    expect(read.registers?.units.map((u) => u.new.state)).toEqual([
      'Full Committed',
      'Full Committed',
      'Full Committed',
      'Full Committed',
    ]);
    expect(read.classification.phase).toBe('rewrap-interrupted');
    await expect(analysis.adopt(read.analysisId, 'rewrap-complete')).rejects.toThrow(/Review it again/);

    const { review, snapshot } = await analysis.adopt(read.analysisId, 'rewrap-interrupted');
    expect(review).toMatchObject({
      reviewed: false,
      phase: 'rewrap-interrupted',
      files: [{ name: 'terminal.txt', sha256: createHash('sha256').update(output).digest('hex') }],
    });
    expect(snapshot.classification.evidence).toContainEqual({ file: 'terminal.txt', line: m1Line, text: M1 });
    expect(snapshot.lineCount).toBeGreaterThan(10);

    // The interlock applies at once, and nothing mutating runs before the review.
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toThrow(/auto-mk-rotate is refused: M1/);
    await expect(h.service.run(['tke', 'cryptounit-mk-rotate'])).rejects.toThrow(/evidence has not been reviewed/);
    await expect(h.service.decide('evidence reviewed: rewrap-interrupted', false)).rejects.toThrow(/analysis screen/);
    await expect(analysis.confirmReview(review.rotationId, 'rewrap-complete')).rejects.toThrow(/evidence changed/);
    const confirmed = await analysis.confirmReview(review.rotationId, 'rewrap-interrupted');
    expect(confirmed.review.reviewed).toBe(true);

    // The simulator's cryptounit-mk-rotate re-encrypts and promotes; setimm follows only if it stops at M2.
    let snap = await h.runToExit(['tke', 'cryptounit-mk-rotate']);
    expect(['rewrap-complete', 'completed']).toContain(snap.classification.phase);
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toThrow(/refused/);
    if (snap.classification.phase === 'rewrap-complete')
      snap = await h.runToExit(['tke', 'cryptounit-mk-setimm'], { confirm: () => 'y' });
    expect(snap.classification.phase).toBe('completed');
    expect(h.keystore()).toMatchObject({ lost: 0 });
    await h.service.finish('completed');

    const verification = await verifyJournal(snap.journal.path);
    expect(verification.ok).toBe(true);
    const kinds = verification.entries.map((e) => e.kind);
    expect(kinds.slice(0, 3)).toEqual(['rotation-started', 'imported-file', 'imported-output']);
    expect(
      verification.entries.filter((e) => e.kind === 'decision').map((e) => (e.kind === 'decision' ? e.data.what : '')),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^imported a manual terminal run/),
        'evidence reviewed: rewrap-interrupted (imported output and register reading)',
        expect.stringMatching(/^refused by the app: ibmcloud tke auto-mk-rotate/),
      ]),
    );

    const report = await createReport(snap.journal.path);
    expect(report.imported?.files).toEqual(review.files);
    expect(report.commands[0]?.command).toMatch(
      /^\[imported terminal\.txt, sha256 [0-9a-f]{16}…\] ibmcloud tke auto-mk-rotate$/,
    );
    expect(report.milestones[0]).toMatchObject({ id: 'M1', text: `[imported terminal.txt:${m1Line}] ${M1}` });
    expect(report.outcome).toBe('completed');
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
  });

  it('a reopened imported journal re-classifies the same way and still refuses auto-mk-rotate', async () => {
    const h = await createHarness();
    const output = manualRun(h.simDir, `${h.simDir}/tkefiles`, 'after-m1');
    const analysis = new AnalysisService(h.service);
    const view = classified(analysis.classify([{ name: 'out.txt', base64: output.toString('base64') }], 'other'));
    const { review } = await analysis.adopt(view.analysisId, view.classification.phase);
    const reopened = await h.service.open(review.rotationId);
    expect(reopened.classification.phase).toBe('rewrap-interrupted');
    expect(analysis.review()).toMatchObject({ rotationId: review.rotationId, reviewed: false });
    await expect(h.service.run(['tke', 'auto-mk-rotate'])).rejects.toThrow(/refused/);
    await expect(h.service.run(['tke', 'cryptounit-mk-rotate'])).rejects.toThrow(/not been reviewed/);
    // Read-only listings stay allowed before the review.
    const reading = await h.service.run(['tke', 'cryptounit-mks']);
    expect(reading.command).toBe('ibmcloud tke cryptounit-mks');
  });
});
