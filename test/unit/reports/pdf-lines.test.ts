import { describe, expect, it } from 'vitest';
import { ALERT, MUTED } from '../../../electron/backend/reports/pdf-layout.js';
import { classificationLines } from '../../../electron/backend/reports/pdf-render.js';
import { reportLabels, type ReportContent } from '../../../shared/reports/index.js';
import { fixedContent } from '../../fixtures/reports/fixed-report.js';

type Classification = ReportContent['classifications'][number];
const forbidden = [
  { command: 'ibmcloud tke auto-mk-rotate', why: 'would replace the new master key' },
  { command: 'ibmcloud tke cryptounit-mk-clrnew', why: 'clears the new master key' },
];
const unitLine = (line: number) => ({ file: 'journal#7 cryptounit-mk', line, text: `crypto unit ${line}: current Valid` });
const progress = (line: number) => ({ file: 'journal#46 auto-mk-rotate', line, text: 'Re-encrypting key storage...' });

function classification(seq: number, phase: string, evidence: Classification['evidence']): Classification {
  return { seq, time: `T${seq}`, phase, flow: 'auto', reason: null, next: [], forbidden, evidence, unitsToDeselect: [], failedChecks: [] };
}

describe('the PDF classification lines', () => {
  const content: ReportContent = {
    ...fixedContent(),
    classifications: [
      classification(10, 'no-rotation', [unitLine(9), unitLine(16)]),
      classification(20, 'rewrap-interrupted', [
        unitLine(9),
        unitLine(16),
        ...[3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map(progress),
        { file: 'journal#46 auto-mk-rotate', line: 20, text: 'FAILED' },
      ]),
      classification(30, 'completed', [unitLine(9), unitLine(16)]),
    ],
  };
  const lines = classificationLines(content, reportLabels('en'));
  const texts = lines.map((l) => l.text);

  it('explains each forbidden command once and names it afterwards', () => {
    expect(texts.filter((t) => t.startsWith('Forbidden: ibmcloud tke auto-mk-rotate'))).toHaveLength(1);
    expect(texts.filter((t) => t.startsWith('Still forbidden, as explained above:'))).toEqual([
      'Still forbidden, as explained above: ibmcloud tke auto-mk-rotate, ibmcloud tke cryptounit-mk-clrnew',
      'Still forbidden, as explained above: ibmcloud tke auto-mk-rotate, ibmcloud tke cryptounit-mk-clrnew',
    ]);
  });

  it('cites evidence once, counts it afterwards, and groups one text repeated at several lines', () => {
    expect(texts.filter((t) => t.includes('crypto unit 9: current Valid'))).toHaveLength(1);
    expect(texts.filter((t) => t === '2 evidence lines as cited above')).toHaveLength(2);
    expect(texts).toContain(
      'Evidence: ×12, first journal#46 auto-mk-rotate:3, last journal#46 auto-mk-rotate:14  Re-encrypting key storage...',
    );
  });

  it('draws in red only the failure phase and the line quoting the failure', () => {
    const red = lines.filter((l) => l.style.color === ALERT).map((l) => l.text);
    expect(red).toEqual(['T20  rewrap-interrupted', 'Evidence: journal#46 auto-mk-rotate:20  FAILED']);
    expect(lines.filter((l) => l.text.startsWith('Forbidden')).every((l) => l.style.color === undefined)).toBe(true);
    expect(lines.find((l) => l.text.includes('Re-encrypting'))?.style.color).toBe(MUTED);
  });

  it('has the same grouping in Japanese', () => {
    const ja = classificationLines(content, reportLabels('ja')).map((l) => l.text);
    expect(ja).toContain('上記と同じ根拠 2 行');
    expect(ja.some((t) => t.includes('×12、最初 journal#46 auto-mk-rotate:3、最後 journal#46 auto-mk-rotate:14'))).toBe(true);
  });
});
