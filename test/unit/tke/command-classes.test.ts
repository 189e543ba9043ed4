/**
 * The app's one command table (shared/tke/commands.ts): bound to IBM's table row for row, and the
 * classes and conditions the safety rules rest on pinned here, written out, never computed: marking a
 * register command read-only, letting the backend run a destroying command, or dropping a
 * "destructive after" condition turns this red.
 */
import { describe, expect, it } from 'vitest';
import { changesState, COMMAND_TABLE, commandSpec, TKE_COMMAND_WORDS } from '../../../shared/tke/command-table.js';
import {
  APP_TKE_COMMANDS,
  isMutatingWord,
  MENU_COMMANDS,
  MUTATING_ALIASES,
  MUTATING_COMMANDS,
  READ_ONLY_COMMANDS,
  TKE_COMMANDS,
  TKE_WORDS,
  tkeCommand,
} from '../../../shared/tke/commands.js';
import type { CommandSpec } from '../../../shared/tke/command-spec.js';
import { TKE_COMMAND_NAMES } from '../../../shared/sim/index.js';

const REGISTER_COMMANDS = [
  'auto-mk-rotate',
  'cryptounit-mk-load',
  'cryptounit-mk-commit',
  'cryptounit-mk-rotate',
  'cryptounit-mk-setimm',
  'cryptounit-mk-clrnew',
  'cryptounit-mk-clrcur',
  'cryptounit-zeroize',
  'auto-init',
  'auto-mk-recover',
];

/** IBM's signature column: the command needs administrators' signatures (in or after imprint mode). */
const signed = (spec: CommandSpec): boolean =>
  spec.signatures.imprint === 'new-signature-threshold' || !['none', 'refused'].includes(spec.signatures.after);

describe("the app's command table and IBM's", () => {
  it('has one row per row of IBM’s table, under the same names and aliases', () => {
    const ibm = COMMAND_TABLE.filter((r) => r.name !== 'tke');
    expect(TKE_COMMANDS).toHaveLength(ibm.length);
    expect([...TKE_WORDS].sort()).toEqual([...TKE_COMMAND_WORDS].sort());
    for (const row of TKE_COMMANDS) {
      const spec = commandSpec(row.name);
      expect(spec, row.name).toBeDefined();
      expect(new Set([spec?.name, ...(spec?.aliases ?? [])]), row.name).toEqual(new Set([row.name, ...row.aliases]));
    }
  });

  it('calls mutating exactly what IBM’s table says changes a unit, key storage or the units, or deletes a file', () => {
    for (const row of TKE_COMMANDS) {
      const spec = commandSpec(row.name) as CommandSpec;
      expect(row.class === 'mutating', row.name).toBe(changesState(spec));
      expect(row.class === 'read-only', row.name).toBe(spec.changes.length === 1 && spec.changes[0] === 'read-only');
    }
  });

  it('says a command needs signature keys exactly when IBM’s table says it needs signatures', () => {
    for (const row of TKE_COMMANDS)
      expect(row.signatureKeys, row.name).toBe(signed(commandSpec(row.name) as CommandSpec));
  });

  it('gives the simulator every name and alias of the table', () => {
    expect([...TKE_COMMAND_NAMES].sort()).toEqual([...TKE_WORDS].sort());
  });
});

describe('the classes the safety rules rest on', () => {
  it('the register commands and the rest of what changes a unit or deletes a key file are mutating', () => {
    for (const c of REGISTER_COMMANDS) expect(tkeCommand(c)?.class, c).toBe('mutating');
    expect(MUTATING_COMMANDS).toEqual([
      ...REGISTER_COMMANDS,
      'auto-recover',
      'cryptounit-admin-add',
      'cryptounit-admin-rm',
      'cryptounit-thrhld-set',
      'cryptounit-exit-impr',
      'cryptounit-cp',
      'cryptounit-cp-btc',
      'cryptounit-cp-eddsa',
      'cryptounit-cp-sig-other',
      'failover-enable',
      'mk-rm',
      'sigkey-rm',
    ]);
    expect(MUTATING_ALIASES).toEqual({ 'auto-recover': 'auto-mk-recover' });
    expect(isMutatingWord('auto-recover')).toBe(true);
    expect(isMutatingWord('cryptounit-mks')).toBe(false);
    expect(isMutatingWord('AUTO-MK-ROTATE')).toBe(false);
    expect(tkeCommand('nothing')).toBeUndefined();
  });

  it('the read-only listings are exactly those the pre-checks and overview may run at any time', () => {
    expect([...READ_ONLY_COMMANDS].sort()).toEqual([
      'cryptounit-admins',
      'cryptounit-compare',
      'cryptounit-mk',
      'cryptounit-mks',
      'cryptounit-thrhlds',
      'cryptounits',
      'mks',
      'sigkeys',
    ]);
  });

  it('the backend runs the rotation’s commands and its documented fixes, nothing that destroys without being one', () => {
    expect([...APP_TKE_COMMANDS].sort()).toEqual([
      'auto-mk-recover',
      'auto-mk-rotate',
      'cryptounit-add',
      'cryptounit-admin-add',
      'cryptounit-admins',
      'cryptounit-compare',
      'cryptounit-mk',
      'cryptounit-mk-clrnew',
      'cryptounit-mk-commit',
      'cryptounit-mk-load',
      'cryptounit-mk-rotate',
      'cryptounit-mk-setimm',
      'cryptounit-mks',
      'cryptounit-rm',
      'cryptounit-thrhld-set',
      'cryptounit-thrhlds',
      'cryptounits',
      'mk-add',
      'mks',
      'sigkey-sel',
      'sigkeys',
    ]);
    expect(MENU_COMMANDS).not.toContain('mk-add');
    expect(MENU_COMMANDS).not.toContain('mks');
    expect(MENU_COMMANDS[0]).toBe('cryptounits');
  });

  it('names the conditions after which each recovery-critical command is destructive', () => {
    const after = (name: string): string[] =>
      (tkeCommand(name)?.destructiveAfter ?? []).map((r) => `${r.when}:${r.why}`);
    expect(after('auto-mk-rotate')).toEqual([
      'M1:autoAfterM1',
      'rewrap-printed:autoAfterStart',
      'auto-unsupported:unsupported',
      'lost-current:lostCurrent',
      'rewrap-may-have-begun:autoAfterStart',
      'unexplained-new-registers:autoOverLoaded',
    ]);
    expect(after('cryptounit-mk-setimm')).toEqual(['before-M2:setimmBeforeM2']);
    expect(after('cryptounit-mk-rotate')).toEqual(['M2:rotateAfterM2']);
    expect(after('cryptounit-mk-commit')).toEqual(['rewrap-begun:commit']);
    expect(after('cryptounit-mk-load')).toEqual(['lost-current:lostCurrent', 'rewrap-may-have-begun:load']);
    for (const c of [
      'cryptounit-mk-clrnew',
      'cryptounit-mk-clrcur',
      'cryptounit-zeroize',
      'auto-init',
      'auto-mk-recover',
    ]) {
      expect(
        after(c).map((r) => r.split(':')[0]),
        c,
      ).toEqual(['rewrap-may-have-begun']);
    }
    for (const c of [
      'cryptounit-admin-rm',
      'cryptounit-thrhld-set',
      'cryptounit-exit-impr',
      'sigkey-rm',
      'failover-enable',
      'mk-rm',
    ]) {
      expect(
        after(c).map((r) => r.split(':')[0]),
        c,
      ).toEqual(['rewrap-begun']);
    }
    const readFirst = TKE_COMMANDS.filter((r) => 'readRegistersFirst' in r && r.readRegistersFirst).map((r) => r.name);
    expect(readFirst).toEqual(['cryptounit-mk-setimm']);
  });
});
