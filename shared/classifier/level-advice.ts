/**
 * What IBM's recovery tables (docs/domain.md) advise at each level of a rotation (knowledge.ts):
 * the phase, the ordered next commands and the units to deselect, per flow. The recover page's advice
 * for a current register lost while no rotation is under way is in recover-advice.ts. decide.ts
 * chooses the level.
 */
import {
  AUTO_MK_ROTATE,
  COMPARE,
  MK_CLRNEW,
  MK_COMMIT,
  MK_LOAD,
  MK_ROTATE,
  MK_SETIMM,
  READ_REGISTERS,
  UNIT_ADD,
  UNIT_RM,
} from './commands.js';
import { shortVp } from './describe.js';
import type { Base } from './failures.js';
import type { Knowledge } from './knowledge.js';
import { atLeast, type Level } from './progress.js';
import type { AdviceStep, Phase } from './types.js';

const WHY = {
  autoAgain:
    'Neither M1 nor M2 was printed: the new master key was not (fully) placed and key storage is untouched. Running auto-mk-rotate again overwrites the new registers with a fresh random value and completes the rotation.',
  rotateAfterM1:
    'M1 was printed but not M2: re-encryption of key storage had started. cryptounit-mk-rotate restarts re-encryption with the value already in the new registers (it does not replace it).',
  rotateKeyparts:
    'M2 was not printed: re-encryption did not finish. Run cryptounit-mk-rotate again; it re-encrypts with the committed value already in the new registers.',
  rotateCommitted:
    'Every new register holds the same committed new master key and M2 was not seen, so re-encryption may have started. cryptounit-mk-rotate (re-)runs re-encryption with that value and then promotes it; it is safe whether or not re-encryption had begun.',
  setimmWarning:
    'Its warning about key storage can be passed: key storage is already re-encrypted under the new master key (M2).',
} as const;

export function read(why: string): AdviceStep {
  return { command: READ_REGISTERS, why: `Read-only. ${why}` };
}

function keypartsRetry(k: Knowledge): AdviceStep[] {
  const cmd = k.failedCommand;
  if (cmd === MK_LOAD) {
    return [
      { command: MK_LOAD, why: 'Loading the key parts failed before re-encryption started: load them again.' },
      { command: MK_COMMIT, why: 'Then commit the new master key.' },
      { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
    ];
  }
  if (cmd === MK_COMMIT) {
    return [
      { command: MK_COMMIT, why: 'Committing failed before re-encryption started: commit again.' },
      { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
    ];
  }
  return [{ command: MK_ROTATE, why: 'Re-encryption had not started: run cryptounit-mk-rotate again.' }];
}

function untouched(k: Knowledge): Base {
  const failed = k.lastFailure !== undefined && k.rotationAttempts.length > 0;
  if (k.flow === 'auto') {
    return failed
      ? { phase: 'failed-before-new-key', next: [{ command: AUTO_MK_ROTATE, why: WHY.autoAgain }], unitsToDeselect: [] }
      : none('no-rotation');
  }
  if (failed) return { phase: 'failed-before-new-key', next: keypartsRetry(k), unitsToDeselect: [] };
  const next =
    k.rotationAttempts.length > 0
      ? [
          {
            command: MK_LOAD,
            why: 'Load the master key parts (2 or 3, each with its own password) into the new registers.',
          },
        ]
      : [];
  return { phase: 'no-rotation', next, unitsToDeselect: [] };
}

function loaded(k: Knowledge): Base {
  if (k.flow === 'auto') {
    if (k.registersOnly) {
      return {
        phase: 'precheck-failed',
        next: [
          {
            command: MK_CLRNEW,
            why: 'The new registers hold an uncommitted value that these transcripts do not explain (key parts loaded, or an auto-mk-rotate stopped early). Nothing can be re-encrypted under an uncommitted value, so clearing it is safe; auto-mk-rotate needs every new register Empty.',
          },
          // After a failed auto-mk-rotate its retry follows; with registers alone nothing is advised beyond the fix.
          ...(k.rotationAttempts.length > 0
            ? [{ command: AUTO_MK_ROTATE, why: 'Then rotate with the recovery crypto units.' }]
            : []),
        ],
        unitsToDeselect: [],
      };
    }
    return {
      phase: 'failed-before-new-key',
      next: [{ command: AUTO_MK_ROTATE, why: WHY.autoAgain }],
      unitsToDeselect: [],
    };
  }
  const shape = k.reading?.shape;
  if (shape?.kind === 'placing' && shape.conflicting) {
    return {
      phase: 'failed-before-new-key',
      next: [
        {
          command: MK_CLRNEW,
          why: 'The new registers hold different uncommitted values: no commit can succeed, and nothing is wrapped under an uncommitted value. Clear them.',
        },
        { command: MK_LOAD, why: 'Then load the master key parts again into every new register.' },
        { command: MK_COMMIT, why: 'Then commit the new master key.' },
      ],
      unitsToDeselect: [],
    };
  }
  if (k.failedCommand === MK_COMMIT) {
    return { phase: 'failed-before-new-key', next: keypartsRetry(k), unitsToDeselect: [] };
  }
  return {
    phase: 'no-rotation',
    next: [
      {
        command: MK_COMMIT,
        why: 'The key parts are loaded: commit the new master key (threshold signatures) before rotating.',
      },
      { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
    ],
    unitsToDeselect: [],
  };
}

function committed(k: Knowledge): Base {
  if (k.flow === 'auto') {
    // IBM's table: neither message after a failure means run auto-mk-rotate again. Registers read
    // without such a transcript cannot rule re-encryption out; cryptounit-mk-rotate is safe either way.
    if (!k.registersOnly && !atLeast(k.upper, 'rewrapping'))
      return {
        phase: 'failed-before-new-key',
        next: [{ command: AUTO_MK_ROTATE, why: WHY.autoAgain }],
        unitsToDeselect: [],
      };
    return {
      phase: 'rewrap-interrupted',
      next: [{ command: MK_ROTATE, why: WHY.rotateCommitted }],
      unitsToDeselect: [],
    };
  }
  const rotated = k.rotationAttempts.some(
    (a) => a.role === 'rotate-keyparts' || a.role === 'rotate-smartcard' || a.role === 'rotate-unknown',
  );
  if (rotated && k.lastFailure !== undefined)
    return { phase: 'failed-before-new-key', next: keypartsRetry(k), unitsToDeselect: [] };
  const why = k.registersOnly
    ? WHY.rotateCommitted
    : 'The key parts are loaded and committed: rotate (re-encrypt key storage under the new master key, then promote it).';
  return {
    phase: k.registersOnly ? 'rewrap-interrupted' : 'no-rotation',
    next: [{ command: MK_ROTATE, why }],
    unitsToDeselect: [],
  };
}

function rewrapped(k: Knowledge): Base {
  const shape = k.reading?.shape;
  if (shape?.kind === 'committed') {
    return {
      phase: 'rewrap-complete',
      next: [
        {
          command: MK_SETIMM,
          why: `M2 was printed and the registers agree: every new register is committed with ${shortVp(shape.newVp)} and every current register is Valid with ${shortVp(shape.oldVp)}. Promote the new master key. ${WHY.setimmWarning}`,
        },
      ],
      unitsToDeselect: [],
    };
  }
  return {
    phase: 'rewrap-complete',
    next: [
      read(
        'M2 was printed, so key storage is re-encrypted and only promotion remains. Read the registers of every unit first.',
      ),
      {
        command: MK_SETIMM,
        why: `Only if every new register is ready (Full Committed, documented as Valid) with one verification pattern and every current register is Valid with one other pattern. If some units already show the new value as current with an Empty new register, deselect them first. ${WHY.setimmWarning}`,
      },
    ],
    unitsToDeselect: [],
  };
}

function partial(k: Knowledge): Base {
  const p = k.partial;
  // A partial promotion is only known from a reading, which names both patterns: the defaults are for the types.
  // Stryker disable next-line StringLiteral: equivalent, the defaults are never used
  const { oldVp = '', newVp = '' } = k.known;
  const again =
    p.units.length > 0 ? `crypto units ${p.units.join(', ')}` : 'the crypto units deselected during the recovery';
  const readd: AdviceStep = {
    command: UNIT_ADD,
    why: `Select ${again} again: IBM requires either all crypto units of an instance or none to be selected.`,
  };
  const compare: AdviceStep = {
    command: COMPARE,
    why: 'Read-only: confirm that every crypto unit of the instance is configured the same, with the new master key current.',
  };
  const next: AdviceStep[] = [];
  if (!p.promoted && k.reading === undefined && k.upper === 'promoted') {
    // A promotion failed part-way since the last reading: which units it reached is unknown.
    next.push(
      read('The last promotion stopped part-way: read the registers to see which units now hold the new master key.'),
    );
  }
  if (!p.deselected) {
    next.push({
      command: UNIT_RM,
      why: `Deselect crypto units ${k.promotedUnits.join(', ')}: they already hold the new master key ${shortVp(newVp)} as current and their new register is Empty.`,
    });
  }
  if (!p.promoted) {
    next.push({
      command: MK_SETIMM,
      why: `Then promote the new master key on the remaining units, whose current register still holds ${shortVp(oldVp)}. ${WHY.setimmWarning}`,
    });
  }
  if (!p.readded) next.push(readd);
  // Always still to do: the comparison is the last step, and once it has run the recovery is complete.
  next.push(compare);
  return { phase: 'partially-promoted', next, unitsToDeselect: p.deselected ? [] : k.promotedUnits };
}

function none(phase: Phase): Base {
  return { phase, next: [], unitsToDeselect: [] };
}

/** The decision IBM's tables give at one level. */
export function baseAt(level: Level, k: Knowledge): Base {
  switch (level) {
    case 'untouched':
      return untouched(k);
    case 'loaded':
      return loaded(k);
    case 'committed':
      return committed(k);
    case 'rewrapping':
      return {
        phase: 'rewrap-interrupted',
        next: [{ command: MK_ROTATE, why: k.m1.length > 0 ? WHY.rotateAfterM1 : WHY.rotateKeyparts }],
        unitsToDeselect: [],
      };
    case 'rewrapped':
      return rewrapped(k);
    case 'partial':
      return partial(k);
    case 'promoted':
      if (k.partial.deselected && !(k.partial.readded && k.partial.compared)) return partial(k);
      return k.reading === undefined
        ? {
            phase: 'completed',
            next: [
              read(
                'Confirmation: every current register should show the new verification pattern and every new register Empty.',
              ),
            ],
            unitsToDeselect: [],
          }
        : none('completed');
  }
}
