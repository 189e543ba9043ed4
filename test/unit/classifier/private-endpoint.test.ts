/**
 * "No service instances were found" [hs-crypto: troubleshooting-list-crypto-units.md]: first the
 * target; when it persists right after a successful `ibmcloud target`, the region and group were not
 * the cause, and the advice is the private endpoint of a private-only instance (its crypto units are
 * not listed over the public network [hs-crypto: initialize-hsm-cli.md]), TKE_PRIVATE_ADDR
 * [hs-crypto: secure-connection.md], then the command again.
 */
import { describe, expect, test } from 'vitest';
import { classify, type TranscriptInput } from '../../../shared/classifier/index.js';
import { NO_INSTANCES } from '../../../shared/tke/messages.js';

const HEADER = [
  'API endpoint:     https://cloud.ibm.com',
  'Region:           us-south',
  'User:             admin@example.com',
  'Resource group:   default',
];
const notFound = (file: string): TranscriptInput => ({
  file,
  text: ['$ ibmcloud tke auto-mk-rotate', ...HEADER, '', 'FAILED', NO_INSTANCES, ''].join('\n'),
});
const targeted: TranscriptInput = {
  file: 'target.txt',
  text: [
    '$ ibmcloud target -r us-south -g default',
    'Targeted resource group default',
    '',
    'Targeted region us-south',
    '',
    ...HEADER,
    'OK',
    '',
  ].join('\n'),
};
const first = (transcripts: TranscriptInput[]): string | undefined => classify({ transcripts }).next[0]?.command;

describe('no service instance found', () => {
  test('first the target, whose reason also names a private-only instance', () => {
    const c = classify({ transcripts: [notFound('a.txt')] });
    expect(c.phase).toBe('precheck-failed');
    expect(c.failedChecks).toEqual(['target']);
    expect(c.next.map((a) => a.command)).toEqual([
      'ibmcloud target -r <region> -g <resource_group>',
      'ibmcloud tke auto-mk-rotate',
    ]);
    expect(c.next[0]?.why).toContain('private network access only');
  });

  test('targeted since: the command again, which tells whether the target was the cause', () => {
    expect(first([notFound('a.txt'), targeted])).toBe('ibmcloud tke auto-mk-rotate');
  });

  test('not found again right after a successful target: the private endpoint, then the command again', () => {
    const c = classify({ transcripts: [notFound('a.txt'), targeted, notFound('b.txt')] });
    expect(c.phase).toBe('precheck-failed');
    expect(c.failedChecks).toEqual(['target']);
    expect(c.next.map((a) => a.command)).toEqual([
      'export TKE_PRIVATE_ADDR=https://tke.private.<region>.hs-crypto.cloud.ibm.com',
      'ibmcloud tke auto-mk-rotate',
    ]);
    expect(c.next[0]?.why).toMatch(
      /ibmcloud target ended OK.*private network access only.*another account.*Manager role/,
    );
    expect(c.forbidden.map((f) => f.command)).not.toContain('ibmcloud tke auto-mk-rotate');
  });

  test('only a target that ended OK, right before, counts', () => {
    const failedTarget: TranscriptInput = {
      file: 't.txt',
      text: ['$ ibmcloud target -r us-south', 'FAILED', 'Not logged in.', ''].join('\n'),
    };
    expect(first([notFound('a.txt'), failedTarget, notFound('b.txt')])).toBe(
      'ibmcloud target -r <region> -g <resource_group>',
    );
    // A target, then another failure, then not found: targeting is again the first suspect.
    const login401 = {
      file: 'l.txt',
      text: ['$ ibmcloud tke cryptounits', ...HEADER, 'FAILED', 'Status code: 401', ''].join('\n'),
    };
    expect(first([notFound('a.txt'), targeted, login401, notFound('b.txt')])).toBe(
      'ibmcloud target -r <region> -g <resource_group>',
    );
    // A TKE command named like it is not the IBM Cloud CLI's target.
    expect(
      first([
        notFound('a.txt'),
        { file: 'x.txt', text: ['$ ibmcloud tke target', 'OK', ''].join('\n') },
        notFound('b.txt'),
      ]),
    ).toBe('ibmcloud target -r <region> -g <resource_group>');
  });
});
