/**
 * One well-formed answer per channel, typed as the channel's response (so TypeScript checks every
 * one), and for each a field deep inside it to break. Shapes as the backend builds them; values
 * made up.
 */
import type { AppInfo, Channel, ResponseOf } from '../../../shared/ipc/contract.js';
import type { Classification } from '../../../shared/classifier/types.js';
import type { PrecheckResult } from '../../../shared/precheck/types.js';
import type { ConsoleState, RotationSnapshot, RunningCommand } from '../../../shared/rotation/types.js';
import type { UnitRegisters } from '../../../shared/tke/types.js';
import type { ConsequenceView, TrainingStateView } from '../../../shared/training/index.js';
import type { RehearsalResult } from '../../../shared/twin/rehearsal-types.js';
import type { DemoStatus, RotationSummary } from '../../../shared/ipc/views.js';
import type { ImportReview } from '../../../shared/analysis/types.js';

const info: AppInfo = {
  name: 'mkra',
  version: '1.0.0',
  mode: 'demo',
  modeReasonCode: 'forced-demo',
  modeReason: 'demo',
  host: 'electron',
  platform: 'linux',
  tke: { executable: null, pluginDir: null },
  tkeFiles: { dir: '/tmp/tke', source: 'demo', status: 'ok', message: 'fine' },
  tkeEnv: { signingService: false, privateEndpoint: null },
};

const units: UnitRegisters[] = [
  { num: 1, type: 'OPERATIONAL', current: { state: 'Valid', vp: 'ab12' }, new: { state: 'Empty', vp: '' } },
  { num: 2, type: 'RECOVERY', current: { state: 'Valid', vp: 'ab12' }, new: { state: 'Full Committed', vp: 'cd34' } },
];

const classification: Classification = {
  phase: 'rewrap-interrupted',
  flow: 'auto',
  next: [
    {
      command: 'ibmcloud tke cryptounit-mk-rotate',
      why: 'finish the re-encryption',
      argv: ['tke', 'cryptounit-mk-rotate'],
    },
  ],
  forbidden: [
    {
      command: 'ibmcloud tke cryptounit-mk-clrnew',
      why: 'the new key protects keys already',
      argv: ['tke', 'cryptounit-mk-clrnew'],
    },
  ],
  evidence: [{ file: 'journal#4 ibmcloud tke auto-mk-rotate', line: 12, text: 'FAILED' }],
  unitsToDeselect: [],
  failedChecks: ['auth'],
  unitsToReselect: [3],
};

const snapshot: RotationSnapshot = {
  rotationId: '2026-01-01T00-00-00Z-abcd',
  flow: 'auto',
  mode: 'demo',
  startedAt: '2026-01-01T00:00:00.000Z',
  finished: false,
  readOnly: false,
  classification,
  timeline: {
    flow: 'auto',
    steps: [
      { id: 'precheck', state: 'done', startedAt: 1 },
      { id: 'rewrap', state: 'running', progress: { done: 3, total: 9 } },
    ],
  },
  commands: [{ seq: 2, command: 'ibmcloud tke auto-mk-rotate', at: '2026-01-01T00:00:01.000Z', exitCode: null }],
  registers: { seq: 3, at: '2026-01-01T00:00:02.000Z', units },
  lineCount: 40,
  journal: { path: '/data/journal/x.jsonl', entries: 9, headHash: 'ff00' },
};

const running: RunningCommand = {
  runId: 'run-1',
  argv: ['tke', 'auto-mk-rotate'],
  command: 'ibmcloud tke auto-mk-rotate',
  startedAt: 5,
  m1Seen: false,
  prompt: { kind: 'password', text: 'Enter the password for file 1:', detail: [], secret: true },
  hang: null,
  journaled: true,
};

const consoleState: ConsoleState = { rotation: snapshot, running };

const summary: RotationSummary = {
  rotationId: snapshot.rotationId,
  startedAt: snapshot.startedAt,
  mode: 'demo',
  flow: 'auto',
  instanceId: null,
  operator: 'ops',
  finished: false,
  outcome: null,
  entries: 9,
  lastHash: 'ff00',
  status: 'open',
  problem: null,
  story: { failedCommands: 1, failurePhases: 1, keysLost: null, currentVp: null },
};

const precheckResult: PrecheckResult = {
  id: 'admins',
  status: 'fail',
  summary: 'no signature key selected',
  units: [{ num: 1, status: 'fail', detail: 'threshold 2' }],
  evidence: ['No signature keys are selected.'],
  fix: [{ command: 'ibmcloud tke sigkey-sel', why: 'select keys', i18n: { key: 'sel', values: { n: '2' } } }],
};

const demoStatus: DemoStatus = {
  scenario: 'healthy',
  scenarios: [{ name: 'healthy', description: 'all well' }],
  keystore: { total: 10, usable: 10, lost: 0 },
  token: { valid: true, expiresAt: null },
  units: units.map((u) => ({ ...u, selected: true, location: '[us-south].[AZ1-CS1].[00].[01]' })),
};

const consequence: ConsequenceView = {
  step: {
    choice: 'auto-mk-rotate',
    command: 'ibmcloud tke auto-mk-rotate',
    correct: true,
    rightAction: null,
    keysLost: 0,
    exitCode: 0,
    atMs: 10,
  },
  refused: null,
  keystoreBefore: demoStatus.keystore,
  keystoreAfter: demoStatus.keystore,
  lossWhy: null,
  registersBefore: units.map((u) => ({ ...u, selected: true })),
  registersAfter: units.map((u) => ({ ...u, selected: false })),
  adviceBefore: {
    phase: 'no-rotation',
    next: classification.next,
    forbidden: [],
    unitsToDeselect: [],
    unitsToReselect: [],
  },
  outputTail: ['OK'],
};

const scenario = {
  id: 'basic',
  title: { en: 'Basic', ja: '基本' },
  briefing: { en: 'Rotate', ja: 'ローテーション' },
  simScenario: 'healthy',
  flow: 'auto' as const,
  keys: 100,
  faults: ['none'],
  restart: false,
  goal: 'complete' as const,
  source: 'shipped' as const,
  file: 'basic.json',
};

const trainingState: TrainingStateView = {
  sessionId: 'training-1',
  run: {
    scenario,
    exercise: null,
    mode: 'guided',
    status: 'deciding',
    paused: false,
    pendingFault: null,
    startedAt: 1,
    rotationId: 'training-1-basic',
    log: [{ kind: 'command', text: 'ibmcloud tke cryptounits' }],
    registers: consequence.registersBefore,
    keystore: demoStatus.keystore,
    advice: consequence.adviceBefore,
    steps: [consequence.step],
    lastConsequence: consequence,
    score: null,
  },
  results: [
    {
      scenarioId: 'basic',
      mode: 'guided',
      expected: 'auto-mk-rotate',
      firstAction: null,
      firstActionCorrect: false,
      steps: 0,
      correctSteps: 0,
      keysLost: 0,
      seconds: 3,
      outcome: 'abandoned',
    },
  ],
  played: [scenario],
  choices: [{ id: 'cryptounits', typed: 'ibmcloud tke cryptounits', changesRegisters: false, needsUnits: false }],
};

const review: ImportReview = {
  rotationId: snapshot.rotationId,
  files: [{ name: 'run.txt', sha256: 'aa' }],
  reviewed: false,
  phase: 'rewrap-interrupted',
  classification,
};

const rehearsal: RehearsalResult = {
  twinSha256: 'bb',
  twinCapturedAt: '2026-01-01T00:00:00.000Z',
  instanceId: 'inst-1',
  flow: 'auto',
  ranAt: '2026-01-02T00:00:00.000Z',
  prechecks: [precheckResult],
  tookMs: 1200,
  faults: [
    {
      fault: 'rewrap:crash',
      recovered: true,
      recovery: ['ibmcloud tke cryptounit-mk-rotate'],
      finalPhase: 'completed',
      keysLost: 0,
      stoppedBecause: null,
      decisions: ['y'],
    },
  ],
  allRecovered: true,
};

const exported = { jsonPath: '/r/x.json', pdfPath: '/r/x.pdf', fingerprint: 'SHA256:aa', adminSki: null };

type Fixtures = { [C in Channel]: ResponseOf<C> };

export const WELL_FORMED = {
  'app:get-info': info,
  'app:get-bootstrap': { info, console: consoleState, rotations: [summary] },
  'rotation:start': snapshot,
  'rotation:open': snapshot,
  'rotation:get-state': consoleState,
  'rotation:list': [summary],
  'rotation:get-lines': { from: 0, lines: [{ seq: 4, text: 'OK' }] },
  'rotation:run-command': running,
  'rotation:answer-prompt': null,
  'rotation:cancel-command': { cancelled: true, warning: 'the command may have changed registers' },
  'rotation:record-decision': snapshot,
  'rotation:finish': { ...snapshot, finished: true },
  'precheck:run': {
    flow: 'auto',
    ranAt: 5,
    results: [precheckResult],
    instances: [
      {
        id: 'inst-1',
        units: [
          { num: 1, selected: true, type: 'OPERATIONAL', location: 'x', line: 3 },
          { num: 2, selected: false, type: undefined, location: 'y', line: 4 },
        ],
      },
    ],
    registers: units,
    thresholds: [{ num: 1, signature: 1, revocation: 1, line: 7 }],
    admins: [
      { num: 1, name: 'admin', ski: 'aa', line: 9 },
      { num: 2, name: undefined, ski: undefined, line: 10 },
    ],
    sigkeys: { keys: [{ keynum: 1, description: 'admin', ski: 'aa' }], selected: [] },
    token: { expiresAt: null, source: 'simulator' },
    estimate: { keyCount: 300, seconds: 36, tokenMayExpire: false },
    reads: [{ command: 'ibmcloud tke cryptounits', exitCode: 0, problem: [] }],
    signingService: { keys: ['k1'], withToken: 1 },
  },
  'keyfiles:scan': {
    scan: {
      dir: '/tke',
      readable: true,
      sigkeys: [
        {
          kind: 'sigkey',
          fileName: '1.sigkey',
          path: '/tke/1.sigkey',
          size: 900,
          mtime: '2026-01-01T00:00:00.000Z',
          mode: 0o600,
          description: 'admin',
          keyType: 'p521ec',
          ski: 'aa',
          skiMatchesPubkey: true,
        },
      ],
      mkparts: [
        {
          kind: 'mkpart',
          fileName: '1.mkpart',
          path: '/tke/1.mkpart',
          size: 300,
          mtime: '2026-01-01T00:00:00.000Z',
          mode: 0o600,
          description: 'part',
          keyType: 'mkpart',
          vp: 'cc',
        },
      ],
      others: [{ fileName: 'x.txt', path: '/tke/x.txt', reason: 'not-a-key-file', message: 'not a key file' }],
      warnings: [{ code: 'file-permissive', message: 'readable by others', files: ['1.sigkey'] }],
    },
    admins: {
      sigkeys: [{ fileName: '1.sigkey', description: 'admin', ski: 'aa', units: [1], adminNames: ['admin'] }],
      unmatchedAdmins: [{ unit: 2, name: 'other', ski: 'bb' }],
    },
    message: null,
  },
  'keyfiles:verify-password': { ok: false, reason: 'wrong password' },
  'demo:get-status': demoStatus,
  'demo:set-fault': { fault: 'rewrap:crash' },
  'demo:reset': demoStatus,
  'report:export': exported,
  'report:verify': {
    status: 'valid',
    fingerprint: 'SHA256:aa',
    pinned: true,
    admin: { ski: 'aa', name: 'admin' },
    summary: ['ok'],
    pages: 'identical',
    renderer: { report: 'pdfkit', here: 'pdfkit' },
    facts: ['x'],
  },
  'report:get-key-status': { osKeystore: false, exists: true },
  'report:get-public-key': { pem: '-----BEGIN PUBLIC KEY-----', fingerprint: 'SHA256:aa', osProtected: false },
  'report:read-file': { name: 'x.pdf', base64: 'AAAA' },
  'training:list-scenarios': {
    mode: 'guided',
    scenarios: [scenario],
    exercises: [],
    problems: [{ file: 'bad.json', line: 3, message: 'unknown field' }],
    instructorDir: null,
  },
  'training:get-state': trainingState,
  'training:start-scenario': trainingState,
  'training:choose': consequence,
  'training:pause': trainingState,
  'training:inject-fault': trainingState,
  'training:end-scenario': { ...trainingState, run: null },
  'training:reset-session': trainingState,
  'training:export-summary': { ...exported, sessionId: 'training-1' },
  'analysis:classify': {
    status: 'classified',
    analysisId: 'analysis-1',
    command: 'auto-mk-rotate',
    files: [
      { name: 'run.txt', bytes: 100, sha256: 'aa', encoding: 'utf-8', format: 'plain', lines: 4, commandStated: false },
    ],
    warnings: [{ file: 'run.txt', code: 'renamed', count: 1 }],
    classification,
    registers: { at: '2026-01-01T00:00:00.000Z', exitCode: 0, units, lines: ['CRYPTO UNIT NUM'] },
  },
  'analysis:read-registers': { status: 'unusable', problems: [{ file: 'x.bin', code: 'binary', detail: 'binary' }] },
  'analysis:adopt': { review, snapshot },
  'analysis:confirm-review': { review: { ...review, reviewed: true }, snapshot },
  'analysis:get-review': { review: null },
  'twin:rehearse': rehearsal,
  'demo:load-twin': { ...demoStatus, loaded: 'twin.json' },
  'twin:capture': { name: 'twin.json', text: '{}', summary: '1 instance', warnings: ['unit 3 was not listed'] },
  'twin:get-rehearsal': { rehearsal },
} satisfies Fixtures;

/** Where each channel's answer is broken: a path deep inside it, and a value of the wrong type. */
export const MALFORMED: { [C in Channel]: { path: (string | number)[]; value: unknown } } = {
  'app:get-info': { path: ['tkeEnv', 'signingService'], value: 'yes' },
  'app:get-bootstrap': { path: ['console', 'rotation', 'classification', 'next', 0, 'why'], value: 7 },
  'rotation:start': { path: ['timeline', 'steps', 1, 'progress', 'done'], value: 'three' },
  'rotation:open': { path: ['registers', 'units', 0, 'current', 'state'], value: 'Broken' },
  'rotation:get-state': { path: ['running', 'prompt', 'secret'], value: 'no' },
  'rotation:list': { path: [0, 'entries'], value: '9' },
  'rotation:get-lines': { path: ['lines', 0, 'text'], value: 42 },
  'rotation:run-command': { path: ['argv', 1], value: 3 },
  'rotation:answer-prompt': { path: [], value: { sent: true } },
  'rotation:cancel-command': { path: ['warning'], value: 1 },
  'rotation:record-decision': { path: ['commands', 0, 'exitCode'], value: 'none' },
  'rotation:finish': { path: ['journal', 'entries'], value: null },
  'precheck:run': { path: ['instances', 0, 'units', 0, 'type'], value: 'MAINFRAME' },
  'keyfiles:scan': { path: ['scan', 'sigkeys', 0, 'skiMatchesPubkey'], value: 'true' },
  'keyfiles:verify-password': { path: ['ok'], value: 'true' },
  'demo:get-status': { path: ['units', 0, 'selected'], value: 1 },
  'demo:set-fault': { path: ['fault'], value: 5 },
  'demo:reset': { path: ['keystore', 'lost'], value: 'none' },
  'report:export': { path: ['adminSki'], value: 12 },
  'report:verify': { path: ['renderer', 'here'], value: false },
  'report:get-key-status': { path: ['exists'], value: 'yes' },
  'report:get-public-key': { path: ['osProtected'], value: 'no' },
  'report:read-file': { path: ['base64'], value: [] },
  'training:list-scenarios': { path: ['scenarios', 0, 'title', 'ja'], value: null },
  'training:get-state': { path: ['run', 'lastConsequence', 'step', 'keysLost'], value: 'few' },
  'training:start-scenario': { path: ['run', 'scenario', 'keys'], value: '100' },
  'training:choose': { path: ['registersAfter', 1, 'new', 'vp'], value: 0 },
  'training:pause': { path: ['run', 'paused'], value: 'yes' },
  'training:inject-fault': { path: ['run', 'advice', 'next', 0, 'command'], value: ['tke'] },
  'training:end-scenario': { path: ['results', 0, 'outcome'], value: 'won' },
  'training:reset-session': { path: ['choices', 0, 'needsUnits'], value: 0 },
  'training:export-summary': { path: ['sessionId'], value: 1 },
  'analysis:classify': { path: ['files', 0, 'bytes'], value: '100' },
  'analysis:read-registers': { path: ['problems', 0, 'code'], value: 'weird' },
  'analysis:adopt': { path: ['review', 'classification', 'evidence', 0, 'line'], value: 'twelve' },
  'analysis:confirm-review': { path: ['snapshot', 'timeline', 'flow'], value: 'smartcard' },
  'analysis:get-review': { path: ['review'], value: 'none' },
  'twin:rehearse': { path: ['faults', 0, 'recovery', 0], value: 1 },
  'demo:load-twin': { path: ['loaded'], value: true },
  'twin:capture': { path: ['warnings', 0], value: 3 },
  'twin:get-rehearsal': { path: ['rehearsal', 'prechecks', 0, 'fix', 0, 'why'], value: null },
};
