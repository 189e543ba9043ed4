// IBM's conditions around a rotation that no TKE command can check (shared/precheck/checklist.ts):
// which flow asks for which confirmation, how a missing one stops the start, what the journal records,
// and that each item quotes IBM's words exactly as docs/domain.md (section 10) does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKLIST, checklistFor, checklistRecord, missingConfirmations } from '../../../shared/precheck/checklist.js';
import { buildPlan, startProblems } from '../../../shared/precheck/plan.js';
import { report } from '../../fixtures/precheck-report.js';

const ids = (items: readonly { id: string }[]): string[] => items.map((i) => i.id);

describe('the checklist per flow', () => {
  it('auto-mk-rotate asks about PKCS #11 keystores, the key-part flow about GREP11 keys; both about the APIs', () => {
    expect(ids(checklistFor('auto', 'confirm'))).toEqual(['pkcs11-keystores', 'api-quiet']);
    expect(ids(checklistFor('keyparts', 'confirm'))).toEqual(['api-quiet', 'grep11-rewrap']);
    expect(ids(checklistFor('auto', 'after'))).toEqual(['restart-pkcs11', 'uko-sync']);
    expect(ids(checklistFor('keyparts', 'after'))).toEqual(['restart-pkcs11', 'uko-sync']);
  });

  it('a confirmation of another flow, or an unknown word, does not stand in for one of this flow', () => {
    expect(ids(missingConfirmations('auto', undefined))).toEqual(['pkcs11-keystores', 'api-quiet']);
    expect(ids(missingConfirmations('auto', ['grep11-rewrap', 'api-quiet', 'everything']))).toEqual([
      'pkcs11-keystores',
    ]);
    expect(missingConfirmations('keyparts', ['api-quiet', 'grep11-rewrap'])).toEqual([]);
  });

  it('the journal records what was confirmed, and the steps that follow, with their source page', () => {
    expect(checklistRecord('keyparts', ['grep11-rewrap'])).toEqual([
      expect.stringMatching(
        /^Confirmed before starting: Keys encrypted with the current master key through the GREP11 API.*\(IBM: rotate-master-key-key-files\.md\)$/,
      ),
      expect.stringMatching(/^To do once the rotation is complete: If PKCS #11 keystores are enabled/),
      expect.stringMatching(
        /^To do once the rotation is complete: Unified Key Orchestrator plan:.*\(IBM: uko-introduce-master-key-rotation\.md\)$/,
      ),
    ]);
  });

  it("each item quotes IBM's page word for word, as docs/domain.md does", () => {
    const domain = readFileSync(new URL('../../../docs/domain.md', import.meta.url), 'utf8');
    for (const item of CHECKLIST) {
      expect(item.source.page).toMatch(/^[a-z0-9-]+\.md$/);
      expect(domain).toContain(`\`${item.id}\``);
      expect(domain).toContain(`[hs-crypto: ${item.source.page}]: "${item.source.quote}"`);
    }
  });
});

describe('starting a rotation', () => {
  it('every confirmation of the flow not given is a reason the start is refused', () => {
    const plan = buildPlan('auto', report());
    expect(startProblems(plan, {})).toEqual([
      'not confirmed: PKCS #11 keystores are not enabled in this service instance (auto-mk-rotate is only for instances without them).',
      'not confirmed: Applications will not create or rotate keys, nor call the PKCS #11 or GREP11 API, until the rotation is complete.',
    ]);
    expect(startProblems(plan, { confirmed: ['pkcs11-keystores', 'api-quiet'] })).toEqual([]);
  });

  it('auto-mk-rotate is blocked on an instance without a recovery crypto unit (none in Madrid, eu-es)', () => {
    const r = report();
    const noRecovery = report(
      {},
      {
        instances: r.instances.map((i) => ({
          ...i,
          units: i.units.map((u) => ({ ...u, type: 'OPERATIONAL' as const })),
        })),
        registers: r.registers.map((u) => ({ ...u, type: 'OPERATIONAL' as const })),
      },
    );
    const plan = buildPlan('auto', noRecovery);
    expect(plan.blockers).toEqual([{ code: 'no-recovery-unit' }]);
    expect(startProblems(plan, { confirmed: ['pkcs11-keystores', 'api-quiet'] })).toEqual([
      'the instance has no recovery crypto unit, which auto-mk-rotate needs (rotate with key part files or smart cards)',
    ]);
  });
});
