/** The campaign's secrets (fixed, distinctive strings) and how the console answers each prompt with them. */
import { createHash } from 'node:crypto';
import * as tke from '../../../shared/tke/messages.js';
import type { Prompt } from './app-driver.js';

export const S = {
  loginPassword: 'Zq7-secret-login-Hn4',
  argvPassword: 'Zq7-secret-argv-pw-Lk2',
  argvApiKey: 'Zq7-secret-argv-key-Wd8',
  sig1: 'Zq7-secret-sigkey-admin1-Pe3',
  sig2: 'Zq7-secret-sigkey-admin2-Ry6',
  sigWrong: 'Zq7-secret-sigkey-wrong-Tb1',
  part1: 'Zq7-secret-part1-Gm5',
  part2: 'Zq7-secret-part2-Vx7',
  part3: 'Zq7-secret-part3-Qa2',
  mkAddPassword: 'Zq7-secret-mkadd-pw-Jc9',
  keyFileWrong: 'Zq7-secret-keyfile-wrong-Ds4',
  reportKey: 'Zq7-secret-report-key-Fu6',
  reportKeyWrong: 'Zq7-secret-report-wrong-Yh3',
  admin: 'Zq7-secret-cosign-admin-Nz8',
  adminWrong: 'Zq7-secret-cosign-wrong-Cw5',
  trainingWrong: 'Zq7-secret-training-wrong-Ip7',
  pasteApiKey: 'Zq7-secret-paste-apikey-Ko1',
  pastePassword: 'Zq7-secret-paste-pw-Ue4',
  pasteEnvKey: 'Zq7-secret-paste-env-Xt6',
  pasteEcho: 'Zq7-secret-paste-echo-Bj3',
  envToken: 'Zq7-secret-env-token-Mr2',
} as const;
/** The key part typed at mk-add's prompt: key material, searched as text and as its 32 bytes. */
export const KEY_PART = createHash('sha256').update('Zq7-secret-mkadd-value').digest('hex');
/** The API key in the app's environment: live `ibmcloud login` must get it, as IBMCLOUD_API_KEY only. */
export const ENV_API_KEY = 'Zq7-secret-env-apikey-Sf9';

export function answers(extra: Record<string, string> = {}, parts: string[] = []): (p: Prompt) => string {
  const bySigner: Record<string, string> = { admin1: S.sig1, admin2: S.sig2, ...extra };
  const byPart: Record<string, string> = {
    'part1-alice': S.part1,
    'part2-bob': S.part2,
    'part3-carol': S.part3,
    'campaign-part': S.mkAddPassword,
  };
  return (p) => {
    const who = (p.detail[0] ?? '').split(' ')[0] ?? '';
    if (p.text === tke.SIGKEY_PASSWORD_PROMPT) return bySigner[who] ?? '';
    if (p.text === tke.MKPART_PASSWORD_PROMPT) return byPart[who] ?? '';
    if (p.text === tke.MKPART_VALUE_PROMPT) return KEY_PART;
    if (p.text === tke.MKPART_DESCRIPTION_PROMPT) return 'campaign-part';
    if (/protect the master key part|Re-enter the password/.test(p.text)) return S.mkAddPassword;
    if (p.text === tke.MKPART_SELECT_PROMPT) return parts.join(' ');
    if (p.text === 'Email') return 'admin@example.com';
    if (p.text === 'Password') return S.loginPassword;
    if (p.text.endsWith(tke.CONFIRM_SUFFIX)) return 'y';
    throw new Error(`the campaign has no answer for ${JSON.stringify(p)}`);
  };
}
