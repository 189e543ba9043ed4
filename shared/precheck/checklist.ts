/**
 * What IBM asks of an administrator around a master key rotation that no TKE command can check: the
 * confirmations given before starting (the plan asks for them, `rotation:start` refuses without
 * them, the journal and so the signed report record them) and the steps that follow a completed
 * rotation. Each item quotes its source page in IBM's HPCS documentation (docs/domain.md, section 10).
 */
import type { PrecheckFlow } from './fixes.js';

export const CHECKLIST_IDS = ['pkcs11-keystores', 'api-quiet', 'grep11-rewrap', 'restart-pkcs11', 'uko-sync'] as const;
export type ChecklistId = (typeof CHECKLIST_IDS)[number];

export interface ChecklistItem {
  id: ChecklistId;
  /** `confirm`: asked before starting, refused without it; `after`: a step once the rotation is complete. */
  when: 'confirm' | 'after';
  flows: readonly PrecheckFlow[];
  /** The statement the administrator confirms, or the step to take (English: journal, report, refusals). */
  text: string;
  /** The page of IBM's HPCS documentation (ibm-cloud-docs/hs-crypto) and its words. */
  source: { page: string; quote: string };
}

const BOTH: readonly PrecheckFlow[] = ['auto', 'keyparts'];

export const CHECKLIST: readonly ChecklistItem[] = [
  {
    id: 'pkcs11-keystores',
    when: 'confirm',
    flows: ['auto'],
    text: 'PKCS #11 keystores are not enabled in this service instance (auto-mk-rotate is only for instances without them).',
    source: {
      page: 'introduce-master-key-rotation.md',
      quote:
        'Use the `ibmcloud tke auto-mk-rotate` command to rotate the master key only when your service instance has recovery crypto units assigned and PKCS #11 keystores are not enabled in your service instance.',
    },
  },
  {
    id: 'api-quiet',
    when: 'confirm',
    flows: BOTH,
    text: 'Applications will not create or rotate keys, nor call the PKCS #11 or GREP11 API, until the rotation is complete.',
    source: {
      page: 'introduce-master-key-rotation.md',
      quote:
        'When the master key is being rotated, you can still perform some KMS key actions such as listing keys, retrieving key metadata, or deleting keys, but you cannot create or rotate keys. You cannot call either the PKCS #11 API or GREP11 API during the master key rotation.',
    },
  },
  {
    id: 'grep11-rewrap',
    when: 'confirm',
    flows: ['keyparts'],
    text: 'Keys encrypted with the current master key through the GREP11 API and kept outside the keystore: there are none, or they will be re-encrypted with RewrapKeyBlob after the commit and before cryptounit-mk-rotate.',
    source: {
      page: 'rotate-master-key-key-files.md',
      quote:
        'If you have any encryption keys that are encrypted with the current master key using the GREP11 API and are not stored in the {{site.data.keyword.hscrypto}} keystore, call the [RewrapKeyBlob GREP11 API]',
    },
  },
  {
    id: 'restart-pkcs11',
    when: 'after',
    flows: BOTH,
    text: 'If PKCS #11 keystores are enabled in the instance, restart every active PKCS #11 application: its in-memory keystore is not rotated.',
    source: {
      page: 'rotate-master-key-key-files.md',
      quote:
        'Key objects in the in-memory keystore are not automatically rotated after the master key rotation. If PKCS #11 keystores are enabled in your service instance, you need to restart all active PKCS #11 applications to clear the in-memory keystore after the master key rotation is complete.',
    },
  },
  {
    id: 'uko-sync',
    when: 'after',
    flows: BOTH,
    text: 'Unified Key Orchestrator plan: internal KMS keys created or activated during the rotation may show "Out of sync"; sync each one (Show details, then Sync key).',
    source: {
      page: 'uko-introduce-master-key-rotation.md',
      quote: 'You can still create or activate internal KMS keys. However, an **Out of sync** flag can be displayed.',
    },
  },
];

/** The items of a flow, confirmations or follow-up steps. */
export function checklistFor(flow: PrecheckFlow, when: ChecklistItem['when']): ChecklistItem[] {
  return CHECKLIST.filter((item) => item.when === when && item.flows.includes(flow));
}

/** The confirmations a rotation of this flow needs that `confirmed` does not give. */
export function missingConfirmations(flow: PrecheckFlow, confirmed: readonly string[] | undefined): ChecklistItem[] {
  const given = new Set(confirmed ?? []);
  return checklistFor(flow, 'confirm').filter((item) => !given.has(item.id));
}

/** The lines the journal (and so the signed report) records for a start with these confirmations. */
export function checklistRecord(flow: PrecheckFlow, confirmed: readonly string[] | undefined): string[] {
  const given = new Set(confirmed ?? []);
  return [
    ...checklistFor(flow, 'confirm')
      .filter((item) => given.has(item.id))
      .map((item) => `Confirmed before starting: ${item.text} (IBM: ${item.source.page})`),
    ...checklistFor(flow, 'after').map(
      (item) => `To do once the rotation is complete: ${item.text} (IBM: ${item.source.page})`,
    ),
  ];
}
