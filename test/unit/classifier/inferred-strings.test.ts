// No decision that allows a command changing registers or key storage may rest on a string IBM does not
// publish (an `inferred` catalogue entry) alone: taking every such line out of a transcript must never
// take away the reason for a mutating next step, unless a register reading backs the decision.
import { describe, expect, it } from 'vitest';
import {
  classify,
  isMutatingAdvice,
  parseRegistersInput,
  type Classification,
  type ClassifyInput,
} from '../../../shared/classifier/index.js';
import { decodeTranscript } from '../../../shared/parse/decode.js';
import { inferredEntry, recogniseSegments } from '../../../shared/parse/recognise.js';
import { CATALOGUE } from '../../../shared/tke/catalogue.js';
import { loadCorpus, type CaseFile } from '../../fixtures/ibm/corpus.js';
import { autoRotate, mkRotate, setimm, text } from './tke-text.js';

function decode(f: CaseFile): string {
  const d = decodeTranscript(f.bytes);
  if (!d.ok) throw new Error(d.reason);
  return d.text;
}

/** The transcripts with every line that rests on an inferred string replaced by an empty line. */
function withoutInferred(input: ClassifyInput): { input: ClassifyInput; removed: number } {
  let removed = 0;
  const transcripts = input.transcripts.map((t) => ({
    ...t,
    text: t.text
      .split('\n')
      .map((line) =>
        // Per bare-CR segment: a line may hold a documented milestone and an inferred redraw.
        line
          .split('\r')
          .map((segment) => {
            if (recogniseSegments(segment).some((r) => inferredEntry(r, segment) !== undefined)) {
              removed++;
              return '';
            }
            return segment;
          })
          .join('\r'),
      )
      .join('\n'),
  }));
  return { input: { ...input, transcripts }, removed };
}

const mutatingFirst = (c: Classification): string | undefined => {
  const first = c.next[0]?.command;
  return first !== undefined && isMutatingAdvice(first) ? first : undefined;
};

const corpus = loadCorpus()
  .filter((c) => c.flow !== 'smartcard')
  .map((c) => {
    const registers = c.registers === undefined ? undefined : parseRegistersInput(decode(c.registers));
    const input: ClassifyInput = {
      transcripts: c.transcripts.map((f) => ({ file: f.file, text: decode(f) })),
      ...(c.flow === 'auto' || c.flow === 'keyparts' ? { flow: c.flow } : {}),
      ...(registers?.ok === true ? { registers: registers.units } : {}),
    };
    return [c.id, input] as const;
  });
// The simulator-shaped builders print the product's own (inferred) progress and success lines.
const built: (readonly [string, ClassifyInput])[] = [
  ['auto before M1', { transcripts: [{ file: 'a', text: text(autoRotate('before-m1')) }] }],
  ['auto after M1', { transcripts: [{ file: 'a', text: text(autoRotate('after-m1')) }] }],
  ['auto done', { transcripts: [{ file: 'a', text: text(autoRotate('done')) }] }],
  ['key parts before M2', { transcripts: [{ file: 'a', text: text(mkRotate('before-m2')) }] }],
  [
    'auto M2 then setimm',
    {
      transcripts: [
        { file: 'a', text: text(autoRotate('after-m2')) },
        { file: 'b', text: text(setimm(true)) },
      ],
    },
  ],
];

describe('inferred strings only add caution', () => {
  it('every inferred catalogue entry says why no source has it', () => {
    const inferred = Object.values(CATALOGUE).filter((e) => 'inferred' in e);
    expect(inferred.length).toBeGreaterThan(0);
    for (const e of inferred) expect(e.inferred.length).toBeGreaterThan(20);
  });

  it.each([...corpus, ...built])('%s: a mutating next step never rests on an inferred line alone', (_id, input) => {
    const { input: stripped, removed } = withoutInferred(input);
    const withLines = classify(input);
    const without = classify(stripped);
    const step = mutatingFirst(withLines);
    // If the lines changed the decision to a mutation, only a register reading may back that.
    const restsOnInferred = removed > 0 && step !== undefined && mutatingFirst(without) !== step;
    expect(restsOnInferred && input.registers === undefined, `${step ?? ''} rests on ${removed} inferred lines`).toBe(
      false,
    );
  });
});
