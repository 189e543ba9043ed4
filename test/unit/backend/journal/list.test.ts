import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { findUnfinished, listJournals, RotationJournal } from '../../../../electron/backend/journal/index.js';
import { sampleJournal, steppingClock, tempDataDir } from './helpers.js';

describe('listJournals / findUnfinished', () => {
  it('returns nothing for a data directory without journals', async () => {
    expect(await listJournals(await tempDataDir())).toEqual([]);
  });

  it('summarises finished, unfinished and tampered journals, oldest first', async () => {
    const dataDir = await tempDataDir();
    const finishedPath = await sampleJournal(dataDir);
    const open = await RotationJournal.create(
      dataDir,
      { rotationId: '20261129T080000Z-000001', flow: 'keyparts', mode: 'live', host: 'h', user: 'u' },
      { clock: steppingClock() },
    );
    await open.appendOutput('Re-encrypting key storage...');
    await open.close();
    const all = await listJournals(dataDir);
    expect(all).toHaveLength(2);
    expect(all[0]).toMatchObject({
      rotationId: '20261128T201500Z-ab12cd',
      mode: 'demo',
      flow: 'auto',
      instanceId: 'inst-1',
      finished: true,
      outcome: 'completed',
      entryCount: 10,
      status: 'ok',
    });
    expect(all[0]?.lastHash).toMatch(/^[0-9a-f]{64}$/);
    expect(all[1]).toMatchObject({
      rotationId: '20261129T080000Z-000001',
      finished: false,
      entryCount: 2,
      mode: 'live',
    });
    expect((await findUnfinished(dataDir)).map((s) => s.rotationId)).toEqual(['20261129T080000Z-000001']);

    // Tampering hides the rotation-finished entry, so the rotation shows up as unfinished and tampered.
    await writeFile(finishedPath, (await readFile(finishedPath, 'utf8')).replace('"seq":2', '"seq":3'));
    const unfinished = await findUnfinished(dataDir);
    expect(unfinished[0]).toMatchObject({ rotationId: '20261128T201500Z-ab12cd', status: 'tampered', tamperedAt: 2 });
  });

  it('reports a torn tail in the summary', async () => {
    const dataDir = await tempDataDir();
    const path = await sampleJournal(dataDir);
    await writeFile(path, `${await readFile(path, 'utf8')}{"seq`);
    expect((await listJournals(dataDir))[0]).toMatchObject({ status: 'torn-tail', finished: true });
  });
});
