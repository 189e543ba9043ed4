import { render, screen } from '@testing-library/svelte';
import { addMessages, init, locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESSAGES } from '../../renderer/src/lib/i18n/messages.js';

import WorkstationCard from '../../renderer/src/lib/components/WorkstationCard.svelte';
import type { AppInfo } from '../../shared/ipc/contract.js';

const info: AppInfo = {
  name: 'mk-rotation-assistant',
  version: '1.4.2',
  mode: 'live',
  modeReasonCode: 'live',
  modeReason: 'live',
  host: 'electron',
  platform: 'linux',
  tke: { executable: '/usr/local/bin/ibmcloud', pluginDir: '/home/a/.bluemix/plugins/tke' },
  tkeFiles: { dir: '/home/a/tke', source: 'env', status: 'missing', message: 'x' },
  tkeEnv: { signingService: false, privateEndpoint: null },
};

beforeAll(async () => {
  addMessages('en', MESSAGES.en);
  addMessages('ja', MESSAGES.ja);
  init({ fallbackLocale: 'en', initialLocale: 'en' });
  await locale.set('en');
});

describe('WorkstationCard', () => {
  it('shows live mode, the directory, its problem and the version', () => {
    render(WorkstationCard, { info });
    expect(screen.getByTestId('mode').dataset.mode).toBe('live');
    expect(screen.getByTestId('mode').textContent).toContain('Live — real crypto units');
    expect(screen.getByTestId('mode').textContent).toContain('/usr/local/bin/ibmcloud');
    expect(screen.getByTestId('tke-files').textContent).toContain('/home/a/tke');
    expect(screen.getByTestId('tke-files').textContent).toContain('does not exist');
    expect(screen.getByTestId('version').textContent).toBe('1.4.2');
  });

  it('says when the tke plug-in is missing', () => {
    render(WorkstationCard, {
      info: {
        ...info,
        mode: 'demo',
        modeReasonCode: 'no-plugin',
        tke: { executable: '/bin/ibmcloud', pluginDir: null },
      },
    });
    expect(document.body.textContent).toContain('tke plug-in not installed');
  });

  it("shows the TKE plug-in's signing service and private endpoint, never the service's URL", () => {
    render(WorkstationCard, {
      info: {
        ...info,
        tkeEnv: { signingService: true, privateEndpoint: 'https://tke.private.us-south.hs-crypto.cloud.ibm.com' },
      },
    });
    expect(screen.getByTestId('signatures').dataset.signingService).toBe('true');
    expect(screen.getByTestId('signatures').textContent).toContain('TKE_SIGNSERV_URL is set');
    expect(screen.getByTestId('endpoint').textContent).toContain(
      'https://tke.private.us-south.hs-crypto.cloud.ibm.com',
    );
  });

  it('without them: key files and the default endpoint', () => {
    render(WorkstationCard, { info });
    expect(screen.getByTestId('signatures').textContent).toContain('selected with sigkey-sel');
    expect(screen.getByTestId('endpoint').textContent).toContain('TKE_PRIVATE_ADDR is not set');
  });

  it('renders in Japanese', async () => {
    await locale.set('ja');
    render(WorkstationCard, { info });
    expect(screen.getByTestId('mode').textContent).toContain('ライブ');
    await locale.set('en');
  });
});
