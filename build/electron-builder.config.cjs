// electron-builder configuration. The product is used offline: no publish targets, no
// auto-update. Fuses turn off Node-style entry points into the packaged binary (docs/security.md).
/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'com.example.mk-rotation-assistant',
  productName: 'MK Rotation Assistant',
  copyright: 'Copyright © 2026 MK Rotation Assistant authors',
  directories: { output: 'release', buildResources: 'build' },
  files: [
    'package.json',
    'bin/**',
    'dist/bin/**/*.js',
    'dist/electron/**/*.js',
    'dist/shared/**/*.js',
    'dist/preload/**',
    'dist/renderer/**',
    'training/scenarios/**',
    '!**/*.map',
  ],
  asar: true,
  asarUnpack: ['node_modules/node-pty/**'],
  npmRebuild: true,
  publish: null,
  electronFuses: {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    grantFileProtocolExtraPrivileges: false,
  },
  linux: {
    target: ['AppImage', 'deb'],
    category: 'Utility',
    maintainer: 'MK Rotation Assistant authors <mkra@example.com>',
    synopsis: 'Safe HPCS master key rotation with the TKE CLI',
  },
  deb: { depends: ['libnss3', 'libgtk-3-0', 'libxss1'] },
  win: { target: ['nsis'] },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true },
  mac: { target: ['dmg'], category: 'public.app-category.utilities', hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' },
  dmg: { sign: false },
};
