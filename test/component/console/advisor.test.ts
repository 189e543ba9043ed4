import { fireEvent, render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import RecoveryAdvisor from '../../../renderer/src/lib/console/RecoveryAdvisor.svelte';
import { FORBIDDEN_REASONS } from '../../../shared/classifier/forbidden.js';
import { classify } from '../../../shared/classifier/index.js';
import { PKCS11_KEYSTORES_ENABLED } from '../../../shared/tke/messages.js';
import { PHASES } from '../../../shared/classifier/types.js';
import { MESSAGES } from '../../../renderer/src/lib/i18n/messages.js';
import { classification, setupMessages } from './setup.js';

beforeAll(setupMessages);

const M1_WHY = FORBIDDEN_REASONS.autoAfterM1;

describe('RecoveryAdvisor', () => {
  it("gives the next action's reason in Japanese, with the classifier's exact English behind a disclosure", async () => {
    await locale.set('ja');
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'rewrap-interrupted',
        next: [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: 'M1 was printed but not M2' }],
      }),
      onrun: vi.fn(),
    });
    const why = document.getElementById('advisor-why')?.textContent ?? '';
    expect(why).toContain('cryptounit-mk-rotate は新規レジスターにある値を置き換えずに');
    expect(why).not.toContain('M1 was printed but not M2');
    expect(document.querySelector('details.exact')?.textContent).toContain('M1 was printed but not M2');
    await locale.set('en');
  });

  it('after an interruption at M1 advises cryptounit-mk-rotate and greys out auto-mk-rotate with its reason', async () => {
    const onrun = vi.fn();
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'rewrap-interrupted',
        next: [{ command: 'ibmcloud tke cryptounit-mk-rotate', why: 'M1 was printed but not M2' }],
        forbidden: [{ command: 'ibmcloud tke auto-mk-rotate', why: M1_WHY }],
        evidence: [
          {
            file: 'journal#7 ibmcloud tke auto-mk-rotate',
            line: 12,
            text: 'Delaying 30 seconds to allow server to discover new master key values',
          },
        ],
      }),
      onrun,
      logLineOf: () => 11,
    });
    expect(screen.getByTestId('advisor-phase').textContent).toBe('Re-encryption interrupted');
    const next = screen.getByTestId('advisor-next');
    expect(next.textContent).toContain('ibmcloud tke cryptounit-mk-rotate');
    await fireEvent.click(next);
    expect(onrun).toHaveBeenCalledWith(['tke', 'cryptounit-mk-rotate']);
    const forbidden = screen.getByTestId('forbidden-auto-mk-rotate');
    const button = forbidden.querySelector('button');
    expect(button?.disabled).toBe(true);
    expect(forbidden.textContent).toContain('Key storage would become unusable');
    expect(forbidden.querySelector('details')?.textContent).toContain(M1_WHY);
    const evidence = screen.getByTestId('advisor-evidence');
    expect(evidence.textContent).toContain('journal#7 ibmcloud tke auto-mk-rotate:12');
    expect(evidence.textContent).toContain('Delaying 30 seconds');
    expect(screen.getByTestId('evidence-log-line').textContent).toContain('11');
  });

  it('words each refusal by its own reason: auto-mk-rotate refused for the instance is not said to replace a key', async () => {
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'no-rotation',
        next: [{ command: 'ibmcloud tke cryptounit-mk-load', why: 'Load the parts.' }],
        forbidden: [
          { command: 'ibmcloud tke auto-mk-rotate', why: FORBIDDEN_REASONS.unsupported },
          { command: 'ibmcloud tke cryptounit-zeroize', why: FORBIDDEN_REASONS.zeroize },
        ],
      }),
      onrun: () => undefined,
    });
    const auto = screen.getByTestId('forbidden-auto-mk-rotate');
    expect(auto.dataset.reason).toBe('unsupported');
    expect(auto.textContent).toContain('would refuse it again');
    expect(auto.textContent).not.toContain('Key storage would become unusable');
    expect(screen.getByTestId('forbidden-cryptounit-zeroize').dataset.reason).toBe('zeroize');
    await locale.set('ja');
    expect(screen.getByTestId('forbidden-auto-mk-rotate').textContent).toContain('再実行しても再び拒否されます');
    await locale.set('en');
  });

  it('lists a command whose end was not seen once, its line quoted with the note', () => {
    const c = classify({
      transcripts: [{ file: 'cut.txt', text: '$ ibmcloud tke auto-mk-rotate\nCommitting the new master key...\n' }],
    });
    render(RecoveryAdvisor, { classification: c, onrun: () => undefined });
    const items = [...screen.getByTestId('advisor-evidence').querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toHaveLength(1);
    expect(items[0]).toContain('cut.txt:1');
    expect(items[0]).toContain('$ ibmcloud tke auto-mk-rotate (output ends before OK or FAILED: interrupted)');
  });

  it('says why the key part flow is advised when auto-mk-rotate refused the instance, in both languages', async () => {
    const c = classify({
      transcripts: [
        { file: 'rotate.txt', text: `$ ibmcloud tke auto-mk-rotate\nFAILED\n${PKCS11_KEYSTORES_ENABLED}\n` },
      ],
      flow: 'auto',
    });
    render(RecoveryAdvisor, { classification: c, onrun: () => undefined });
    const why = () => document.getElementById('advisor-why')?.textContent ?? '';
    expect(why()).toContain('PKCS #11 keystores are enabled');
    expect(why()).toContain('Load the master key parts');
    await locale.set('ja');
    expect(why()).toContain('PKCS #11 キーストアが有効');
    await locale.set('en');
    for (const lang of ['en', 'ja'] as const) {
      const causes = ((MESSAGES[lang] as Record<string, Record<string, unknown>>).advisor?.cause ?? {}) as Record<
        string,
        string
      >;
      expect(Object.keys(causes).sort()).toEqual(['no-recovery-units', 'pkcs11']);
    }
  });

  it('gives a step outside the app, or a command with placeholders, as an instruction, never as a run button', async () => {
    const onrun = vi.fn();
    const outside = classification({
      phase: 'precheck-failed',
      next: [
        {
          command: 'export TKE_PRIVATE_ADDR=https://tke.private.<region>.hs-crypto.cloud.ibm.com',
          why: 'Set the private endpoint of the region.',
        },
        { command: 'ibmcloud tke auto-mk-rotate', why: 'Then run the command that failed again.' },
      ],
    });
    const { unmount } = render(RecoveryAdvisor, { classification: outside, onrun });
    expect(screen.queryByTestId('advisor-next')).toBeNull();
    expect(screen.getByTestId('advisor-outside').textContent).toContain('export TKE_PRIVATE_ADDR=');
    expect(document.body.textContent).toContain('outside the app');
    unmount();
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'precheck-failed',
        next: [{ command: 'ibmcloud target -r <region> -g <resource_group>', why: 'Target the region.' }],
      }),
      onrun,
    });
    expect(screen.queryByTestId('advisor-next')).toBeNull();
    expect(screen.getByTestId('advisor-outside').textContent).toContain('ibmcloud target -r <region>');
    expect(onrun).not.toHaveBeenCalled();
  });

  it('says what to do instead when nothing is to run (a missing role), not an empty advisor', () => {
    const stop =
      'The command was refused with status 401 again right after a successful login: ask for the Manager role.';
    render(RecoveryAdvisor, {
      classification: classification({ phase: 'precheck-failed', next: [], stop }),
      onrun: () => undefined,
    });
    expect(screen.getByTestId('advisor-instead').textContent).toContain(stop);
    expect(screen.queryByTestId('advisor-stop')).toBeNull();
  });

  it('has every refusal reason in both languages, and gives one it cannot name as the classifier wrote it', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const words = ((MESSAGES[lang] as Record<string, Record<string, unknown>>).advisor?.forbiddenWhy ?? {}) as Record<
        string,
        string
      >;
      expect(Object.keys(words).sort()).toEqual(Object.keys(FORBIDDEN_REASONS).sort());
    }
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'no-rotation',
        next: [],
        forbidden: [{ command: 'ibmcloud tke cryptounit-zeroize', why: 'A reason from a newer classifier.' }],
      }),
      onrun: () => undefined,
    });
    const zeroize = screen.getByTestId('forbidden-cryptounit-zeroize');
    expect(zeroize.dataset.reason).toBe('untranslated');
    expect(zeroize.textContent).toContain('A reason from a newer classifier.');
  });

  it('lists the units a partial promotion deselects, and the order cryptounit-rm then setimm', () => {
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'partially-promoted',
        unitsToDeselect: [1, 3],
        next: [
          { command: 'ibmcloud tke cryptounit-rm', why: 'Deselect crypto units 1, 3' },
          { command: 'ibmcloud tke cryptounit-mk-setimm', why: 'Then promote' },
        ],
      }),
      onrun: () => undefined,
    });
    const units = screen.getByTestId('advisor-units');
    expect(units.textContent).toContain('Crypto unit 1');
    expect(units.textContent).toContain('Crypto unit 3');
    expect(screen.getByTestId('advisor-next').textContent).toContain('cryptounit-rm');
    expect(document.body.textContent).toContain('ibmcloud tke cryptounit-mk-setimm');
  });

  it('tells the administrator to stop when indeterminate, offering only the read-only listing', () => {
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'indeterminate',
        indeterminateCause: 'contradiction',
        next: [{ command: 'ibmcloud tke cryptounit-mks', why: 'Read-only.' }],
        forbidden: [{ command: 'ibmcloud tke cryptounit-mk-setimm', why: 'contradicts' }],
      }),
      onrun: () => undefined,
    });
    expect(screen.getByTestId('advisor-phase').textContent).toBe('Indeterminate — contradictory evidence');
    expect(screen.getByTestId('advisor-stop').textContent).toContain('contact IBM Cloud support');
    expect(screen.getByTestId('advisor-next').textContent).toContain('cryptounit-mks');
    // The one reason is said once for every refused command, and each refused command names it.
    expect(screen.getByTestId('forbidden-shared-why').textContent).toContain('contradictory');
    const setimm = screen.getByTestId('forbidden-cryptounit-mk-setimm').querySelector('button');
    expect(setimm?.disabled).toBe(true);
    expect(setimm?.getAttribute('aria-describedby')).toBe('forbidden-why-all');
  });

  // A command whose end was not seen (the app died while it ran) is missing evidence, not
  // contradictory evidence: said as such, in both languages; the reading comes first, no escalation yet.
  it.each([
    [
      'en',
      "Indeterminate — the last command's end was not seen",
      'Read the registers first',
      'until the registers are read',
    ],
    ['ja', '判定不能 — 直前のコマンドの終了を確認できず', '先にレジスターを読み取って', 'レジスターを読み取るまで'],
  ])('words an unfinished command as missing evidence (%s)', async (lang, label, stop, refusal) => {
    await locale.set(lang);
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'indeterminate',
        indeterminateCause: 'unfinished',
        next: [{ command: 'ibmcloud tke cryptounit-mk', why: 'The command ended without OK or FAILED.' }],
        forbidden: [{ command: 'ibmcloud tke auto-mk-rotate', why: FORBIDDEN_REASONS.indeterminate }],
      }),
      onrun: () => undefined,
    });
    const advisor = screen.getByTestId('advisor');
    expect(advisor.dataset['cause']).toBe('unfinished');
    expect(screen.getByTestId('advisor-phase').textContent).toBe(label);
    expect(screen.getByTestId('advisor-stop').textContent).toContain(stop);
    expect(screen.getByTestId('forbidden-shared-why').textContent).toContain(refusal);
    // Not the wording of a contradiction (the classifier's exact English stays behind its disclosure).
    const reason = screen.getByTestId('forbidden-shared-why');
    const translated = (reason?.textContent ?? '').replace(reason?.querySelector('details')?.textContent ?? '', '');
    expect(translated).toContain(refusal);
    const said = [
      screen.getByTestId('advisor-phase').textContent ?? '',
      screen.getByTestId('advisor-stop').textContent ?? '',
      translated,
    ];
    for (const contradiction of ['contradictory', 'IBM Cloud support', '矛盾しています', 'サポート'])
      for (const text of said) expect(text).not.toContain(contradiction);
    expect(screen.getByTestId('advisor-next').textContent).toContain('cryptounit-mk');
    await locale.set('en');
  });

  it('a classification recorded without a cause: a neutral label, and the strongest stop', () => {
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'indeterminate',
        next: [{ command: 'ibmcloud tke cryptounit-mk', why: 'Read the registers.' }],
        forbidden: [{ command: 'ibmcloud tke cryptounit-mk-setimm', why: FORBIDDEN_REASONS.indeterminate }],
      }),
      onrun: () => undefined,
    });
    expect(screen.getByTestId('advisor-phase').textContent).toBe('Indeterminate');
    expect(screen.getByTestId('advisor-stop').textContent).toContain('contact IBM Cloud support');
    expect(screen.getByTestId('forbidden-shared-why').textContent).toContain('The state is not established');
  });

  it('shows advice without buttons for a read-only rotation', () => {
    render(RecoveryAdvisor, {
      classification: classification({
        phase: 'rewrap-complete',
        next: [{ command: 'ibmcloud tke cryptounit-mks', why: 'x' }],
      }),
      readOnly: true,
      onrun: () => undefined,
    });
    expect(screen.queryByTestId('advisor-next')).toBeNull();
    expect(document.body.textContent).toContain('ibmcloud tke cryptounit-mks');
  });

  it('names every phase in plain words in both languages', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const tree = MESSAGES[lang] as Record<string, Record<string, unknown>>;
      for (const p of PHASES) {
        expect(typeof tree.phase?.[p]).toBe('string');
        expect(typeof (tree.advisor?.meaning as Record<string, unknown>)[p]).toBe('string');
      }
    }
    await locale.set('ja');
    render(RecoveryAdvisor, {
      classification: classification({ phase: 'rewrap-interrupted' }),
      onrun: () => undefined,
    });
    expect(screen.getByTestId('advisor-phase').textContent).toBe('再暗号化が中断');
    await locale.set('en');
  });
});
