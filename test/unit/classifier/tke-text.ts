// Builders for TKE CLI output in the layouts of docs/tke-output.md, used by the classifier tests.
import {
  AUTH_FAILED_LINES,
  FAILED,
  HSM_ERROR_LINE,
  M1_DELAY,
  M2_REWRAP,
  OK,
  PRECHECK_FAILED_PREFIX,
  PRECHECK_MESSAGES,
  ROTATION_COMPLETED,
  SETIMM_WARNING,
  STEP_COMMIT,
  STEP_COPY,
  STEP_GENERATE,
  STEP_PROMOTE,
  STEP_REWRAP,
  STEP_REWRAP_PROGRESS,
} from '../../../shared/tke/messages.js';

export const OLD_VP = '9F3A1C2B4D5E6F708192A3B4C5D6E7F80112233445566778899AABBCCDDEEFF0';
export const NEW_VP = '3C0F81AA22BB33CC44DD55EE66FF7788990011223344556677889900AABBCCDD';
export const ZERO_VP = '0'.repeat(64);

export function header(): string[] {
  return [
    'API endpoint:     https://cloud.ibm.com',
    'Region:           us-south',
    'User:             admin@example.com',
    'Account:          Example Co (0123456789abcdef)',
    'Resource group:   default',
    '',
  ];
}

export type AutoStop = 'precheck' | 'before-m1' | 'after-m1' | 'after-m2' | 'promote-1' | 'done';

/** `auto-mk-rotate` output up to a stop point; `fail` appends an HSM error block. */
export function autoRotate(stop: AutoStop, opts: { fail?: boolean; prompt?: boolean } = {}): string[] {
  const out = [opts.prompt === false ? '' : '$ ibmcloud tke auto-mk-rotate', ...header()].filter(
    (l, i) => i > 0 || l !== '',
  );
  if (stop === 'precheck') {
    return [...out, FAILED, `${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES['new-mk'].replace('{units}', '1, 2')}`];
  }
  out.push(STEP_GENERATE.replace('{unit}', '3'), STEP_COPY, STEP_COMMIT);
  if (stop !== 'before-m1') {
    out.push(M1_DELAY, STEP_REWRAP, STEP_REWRAP_PROGRESS.replace('{done}', '100').replace('{total}', '300'));
  }
  if (stop === 'after-m2' || stop === 'promote-1' || stop === 'done') {
    out.push(STEP_REWRAP_PROGRESS.replace('{done}', '300').replace('{total}', '300'), M2_REWRAP);
  }
  if (stop === 'promote-1' || stop === 'done') out.push(STEP_PROMOTE.replace('{unit}', '1'));
  if (stop === 'done') {
    out.push(STEP_PROMOTE.replace('{unit}', '2'), ROTATION_COMPLETED, OK);
    return out;
  }
  if (opts.fail !== false)
    out.push(
      FAILED,
      HSM_ERROR_LINE,
      'Return code: 49',
      'Reason code: 0',
      'Error message: Insufficient transient memory is available for the command to be executed.',
    );
  return out;
}

export function authFailure(command = 'auto-mk-rotate'): string[] {
  return [`$ ibmcloud tke ${command}`, ...header(), FAILED, ...AUTH_FAILED_LINES];
}

export function login(): string[] {
  return ['$ ibmcloud login --sso', 'API endpoint: https://cloud.ibm.com', 'Authenticating...', OK];
}

export function mkRotate(stop: 'precheck' | 'before-m2' | 'after-m2' | 'done'): string[] {
  const out = [
    '$ ibmcloud tke cryptounit-mk-rotate',
    ...header(),
    'Do you want to run the initial state check? (y/N)',
    '> y',
  ];
  if (stop === 'precheck') {
    return [...out, FAILED, `${PRECHECK_FAILED_PREFIX} ${PRECHECK_MESSAGES.thresholds}`];
  }
  out.push('Enter the password for the signature key identified by:', 'admin1 (3c0f81aa...)', '> ', STEP_REWRAP);
  out.push(STEP_REWRAP_PROGRESS.replace('{done}', '150').replace('{total}', '300'));
  if (stop === 'before-m2') return [...out, FAILED, HSM_ERROR_LINE, 'Return code: 49', 'Reason code: 0'];
  out.push(M2_REWRAP);
  if (stop === 'after-m2') return [...out, FAILED, HSM_ERROR_LINE, 'Return code: 12', 'Reason code: 3'];
  return [...out, STEP_PROMOTE.replace('{unit}', '1'), ROTATION_COMPLETED, OK];
}

export function setimm(ok: boolean): string[] {
  const out = [
    '$ ibmcloud tke cryptounit-mk-setimm',
    ...header(),
    SETIMM_WARNING,
    'Do you want to continue? (y/N)',
    '> y',
  ];
  return ok ? [...out, OK] : [...out, FAILED, HSM_ERROR_LINE, 'Return code: 8', 'Reason code: 2'];
}

export interface UnitSpec {
  num: number;
  type?: 'OPERATIONAL' | 'RECOVERY' | 'FAILOVER';
  current: [string, string];
  new: [string, string];
}

/** A `cryptounit-mks` listing, VPs split over two lines like the simulator prints them. */
export function mksListing(units: UnitSpec[]): string[] {
  const out = ['$ ibmcloud tke cryptounit-mks', ...header(), 'SERVICE INSTANCE: 5a1e3c2b-7d4f-4e61-9a0b-1c2d3e4f5a6b'];
  for (const u of units) {
    out.push(
      `CRYPTO UNIT NUM: ${u.num}   TYPE: ${u.type ?? 'OPERATIONAL'}   LOCATION: [us-south].[AZ1-CS1].[00].[0${u.num}]`,
    );
    out.push('MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN');
    for (const [name, [state, vp]] of [
      ['new', u.new],
      ['current', u.current],
    ] as const) {
      const full = vp === '' ? ZERO_VP : vp;
      out.push(`${name.padEnd(22)}${state.padEnd(19)}${full.slice(0, 32)}`);
      out.push(`${' '.repeat(41)}${full.slice(32)}`);
    }
    out.push('');
  }
  out.push(OK);
  return out;
}

/** JSON register reading (the `--registers` shape). */
export function registersJson(units: UnitSpec[]): { units: unknown[] } {
  return {
    units: units.map((u) => ({
      num: u.num,
      type: u.type ?? 'OPERATIONAL',
      current: { state: u.current[0], vp: u.current[1] },
      new: { state: u.new[0], vp: u.new[1] },
    })),
  };
}

export function text(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
