/**
 * The app's allowlist of TKE commands: every command a pre-check fix advises can be run by the app
 * (inside a rotation when it changes a unit), every allowed command is one of IBM's, and the
 * commands that destroy state or files without being a documented fix stay refused.
 */
import { describe, expect, it } from 'vitest';
import { checkArgv } from '../../../../electron/backend/runner/tke-invocation.js';
import { fixesFor, recoverFixes } from '../../../../shared/precheck/fixes.js';
import { commandSpec, isMutating } from '../../../../shared/tke/command-table.js';
import { APP_TKE_COMMANDS } from '../../../../shared/tke/commands.js';
import { PRECHECK_IDS } from '../../../../shared/tke/messages.js';

const argvOf = (command: string): string[] => command.replace(/^ibmcloud\s+/, '').split(/\s+/);

describe('the allowlist of TKE commands', () => {
  it('accepts every command a pre-check fix advises, in both flows', () => {
    const fixes = [
      ...PRECHECK_IDS.flatMap((id) => [
        ...fixesFor(id, 'auto'),
        ...fixesFor(id, 'keyparts'),
        ...fixesFor(id, 'auto', { signingService: true }),
      ]),
      // A lost current key (IBM's recover page).
      ...recoverFixes([1]),
    ];
    const advised = fixes.map((a) => a.command);
    expect(advised).toContain('ibmcloud tke cryptounit-admin-add');
    expect(advised).toContain('ibmcloud tke cryptounit-thrhld-set');
    expect(advised).toContain('ibmcloud tke auto-mk-recover');
    expect(advised).toContain('ibmcloud tke cryptounit-admins');
    for (const command of advised) expect(() => checkArgv(argvOf(command)), command).not.toThrow();
  });

  it('holds only commands of IBM’s table, and the two fixes count as changing a unit', () => {
    for (const c of APP_TKE_COMMANDS) expect(commandSpec(c), c).toBeDefined();
    expect(isMutating('cryptounit-admin-add') && isMutating('cryptounit-thrhld-set')).toBe(true);
  });

  it('still refuses commands that destroy registers or key files and that no fix advises', () => {
    const destructive = ['cryptounit-zeroize', 'cryptounit-mk-clrcur', 'mk-rm', 'sigkey-rm', 'auto-init'];
    destructive.push('failover-enable');
    for (const c of destructive) {
      expect(() => checkArgv(['tke', c]), c).toThrow(/Not a command this app runs/);
    }
  });
});
