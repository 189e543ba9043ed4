/** Key-file workspace: lists, checks and (on request) creates TKE key files (docs/keyfiles.md). */
export { matchAdministrators, type AdminMatchResult, type InstalledAdmin, type SigKeyAdminMatch } from './admins.js';
export { createMkPartFile, createSigKeyFile, type NewKeyFile, type NewMkPart } from './create.js';
export { MAX_KEY_FILE_BYTES, parseKeyFile, type ParsedKeyFile } from './formats.js';
export { scanWorkspace } from './scan.js';
export { planKeyPartSelection, type KeyPartSelection } from './selection.js';
export { verifyPassword, type PasswordCheck } from './verify-password.js';
export {
  WARNING_CODES,
  type KeyFileInfo,
  type MkPartInfo,
  type OtherFileInfo,
  type OtherFileReason,
  type SigKeyInfo,
  type WarningCode,
  type WorkspaceScan,
  type WorkspaceWarning,
} from '../../../shared/keyfiles/workspace-types.js';
export { FileExistsError } from '../secure/atomic-write.js';
