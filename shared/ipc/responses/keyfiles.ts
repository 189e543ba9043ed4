/**
 * Schema of `keyfiles:scan`'s response: what the key-file directory holds, from file names and the
 * public parts of the files (descriptions, subject key identifiers, verification patterns), never a
 * password or a key.
 */
import { z } from 'zod';
import { WARNING_CODES } from '../../keyfiles/workspace-types.js';
import type { WorkspaceView as WorkspaceViewType } from '../views.js';
import { exact } from '../schema-kit.js';
import { UnitNumber } from './domain.js';

const FileFacts = {
  fileName: z.string(),
  path: z.string(),
  size: z.number(),
  mtime: z.string(),
  mode: z.number().int(),
};

const SigKeyInfo = z.object({
  ...FileFacts,
  kind: z.literal('sigkey'),
  description: z.string(),
  keyType: z.enum(['p521ec', 'rsa2048']),
  ski: z.string(),
  skiMatchesPubkey: z.boolean(),
});

const MkPartInfo = z.object({
  ...FileFacts,
  kind: z.literal('mkpart'),
  description: z.string(),
  keyType: z.literal('mkpart'),
  vp: z.string(),
});

const OtherFileInfo = z.object({
  fileName: z.string(),
  path: z.string(),
  reason: z.enum([
    'not-a-key-file',
    'unparseable',
    'invalid-key-file',
    'unreadable',
    'not-a-regular-file',
    'state-file',
  ]),
  message: z.string(),
});

const WorkspaceScan = z.object({
  dir: z.string(),
  readable: z.boolean(),
  sigkeys: z.array(SigKeyInfo),
  mkparts: z.array(MkPartInfo),
  others: z.array(OtherFileInfo),
  warnings: z.array(z.object({ code: z.enum(WARNING_CODES), message: z.string(), files: z.array(z.string()) })),
});

const AdminMatchResult = z.object({
  sigkeys: z.array(
    z.object({
      fileName: z.string(),
      description: z.string(),
      ski: z.string(),
      units: z.array(UnitNumber),
      adminNames: z.array(z.string()),
    }),
  ),
  unmatchedAdmins: z.array(z.object({ unit: UnitNumber, name: z.string(), ski: z.string() })),
});

export const WorkspaceView = exact<WorkspaceViewType>()(
  z.object({ scan: WorkspaceScan.nullable(), admins: AdminMatchResult.nullable(), message: z.string().nullable() }),
);
