import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: null): Promise<Record<string, unknown>>;
  validateConfiguration(config: Record<string, unknown>, logger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util/out/DebugLogger') as { DebugLogger: new (enabled: boolean) => unknown };

describe('electron-builder configuration', () => {
  it("validates against electron-builder's own schema", async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.config.cjs', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('targets Linux AppImage and deb, Windows nsis and macOS dmg, and never publishes', async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.config.cjs', null);
    expect((config.linux as { target: string[] }).target).toEqual(['AppImage', 'deb']);
    expect((config.win as { target: string[] }).target).toEqual(['nsis']);
    expect((config.mac as { target: string[] }).target).toEqual(['dmg']);
    expect(config.publish).toBeNull();
    expect(JSON.stringify(config)).not.toMatch(/autoUpdate|electron-updater|"provider"/i);
  });

  it('sets the fuses that close Node entry points into the packaged binary', async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.config.cjs', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('would reject an unknown option (the schema check is real)', async () => {
    const config = await getConfig(process.cwd(), 'build/electron-builder.config.cjs', null);
    await expect(validateConfiguration({ ...config, autoUpdater: true }, new DebugLogger(false))).rejects.toThrow(
      /configuration object/,
    );
  });
});
