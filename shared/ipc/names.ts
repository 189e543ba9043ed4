/**
 * The IPC channel and event names alone, with no schema: the preload bundles this file and nothing
 * else of the contract, so the bridge stays a few kilobytes. contract.ts declares the schemas under
 * the same names and proves, at compile time, that both lists match.
 */

export const CHANNEL_PREFIX = 'mkra:';

/** Every request/response channel, in the contract's declaration order. */
export const CHANNEL_NAMES = [
  'app:get-info',
  'app:get-bootstrap',
  'rotation:start',
  'rotation:open',
  'rotation:get-state',
  'rotation:list',
  'rotation:get-lines',
  'rotation:run-command',
  'rotation:answer-prompt',
  'rotation:cancel-command',
  'rotation:record-decision',
  'rotation:finish',
  'precheck:run',
  'keyfiles:scan',
  'keyfiles:verify-password',
  'demo:get-status',
  'demo:set-fault',
  'demo:reset',
  'report:export',
  'report:verify',
  'report:get-key-status',
  'report:get-public-key',
  'report:read-file',
  'training:list-scenarios',
  'training:get-state',
  'training:start-scenario',
  'training:choose',
  'training:pause',
  'training:inject-fault',
  'training:end-scenario',
  'training:reset-session',
  'training:export-summary',
  'analysis:classify',
  'analysis:read-registers',
  'analysis:adopt',
  'analysis:confirm-review',
  'analysis:get-review',
  'twin:rehearse',
  'demo:load-twin',
  'twin:capture',
  'twin:get-rehearsal',
] as const;

/** Every main-to-renderer event. */
export const EVENT_NAME_LIST = ['app:notice', 'rotation:line', 'rotation:exit', 'rotation:updated'] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];
export type EventNameOf = (typeof EVENT_NAME_LIST)[number];
