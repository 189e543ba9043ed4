/** What a simulator command runs against: state, terminal, workstation files, clock and faults. */
import type { FaultPoint, FaultSpec } from './faults.js';
import { applyLoss } from './keystore.js';
import type { SimState } from './state.js';
import { PROMPT_MARK } from '../tke/messages.js';

/** The terminal and persistence side of one invocation. */
export interface SimIo {
  /** Print one line (a newline is appended). */
  print(line: string): void;
  /**
   * Write the prompt, then read one answer line; undefined at end of input. A `secret` answer is not
   * echoed on a terminal (the host turns echo off before the prompt appears, so no keystroke races it).
   */
  readLine(prompt: string, secret: boolean): Promise<string | undefined>;
  /** Wait a simulated duration given in real-hardware milliseconds (the host applies its time scale). */
  sleep(ms: number): Promise<void>;
  /** Durably save the state (called after every change). */
  persist(state: SimState): Promise<void>;
  /** Kill the process without a word, as a workstation crash would; never returns normally. */
  crash(): Promise<never>;
}

export interface SigkeyInfo {
  keynum: number;
  description: string;
  ski: string;
  fileName: string;
}

export interface MkPartInfo {
  keynum: number;
  description: string;
  vp: string;
  fileName: string;
}

/** A twin's stand-in signature key file: listed with this SKI and KEYNUM, over a fresh key pair of its own. */
export interface StandIn {
  ski: string;
  keynum: number;
}

/** The workstation's key files directory (CLOUDTKEFILES); passwords are only ever passed through. */
export interface Workstation {
  listSigkeys(): Promise<SigkeyInfo[]>;
  listMkParts(): Promise<MkPartInfo[]>;
  /** `standIn`: twins only. */
  createSigkey(description: string, password: string, standIn?: StandIn): Promise<SigkeyInfo>;
  /** `at` (twins only): this KEYNUM instead of the first free one. */
  createMkPart(description: string, password: string, partHex: string, vp: string, at?: number): Promise<MkPartInfo>;
  /** Whether the password decrypts the signature key file. */
  checkSigkeyPassword(keynum: number, password: string): Promise<boolean>;
  /** The part's 64-hex value, or undefined when the password is wrong. */
  openMkPart(keynum: number, password: string): Promise<string | undefined>;
  removeFiles(fileNames: readonly string[]): Promise<void>;
  /** The text of CLOUDTKEFILES/SIGNSERVKEYS (a signing service's key list), or null when there is none. */
  readSignServKeys(): Promise<string | null>;
  /** Write SIGNSERVKEYS (scenarios only: the administrator edits it by hand). */
  writeSignServKeys(text: string): Promise<void>;
}

export interface SimContext {
  state: SimState;
  io: SimIo;
  ws: Workstation;
  now: () => number;
  fault: FaultSpec | undefined;
  /**
   * `TKE_SIGNSERV_URL` of the invocation: set, the plug-in signs through a signing service and the
   * `sigkey` commands do nothing [hs-crypto: signing-service.md].
   */
  signServUrl?: string;
  /** `TKE_PRIVATE_ADDR` of the invocation: the private endpoint reaches private-only instances (shared/sim/endpoint.ts). */
  privateAddr?: string;
  /** With a signing service: the SKIs of the SIGNSERVKEYS keys that signed this invocation's command. */
  serviceSigners?: string[];
  /** The text of a twin file for `sim reset --twin` (hosts that read files); throws with the reason. */
  readTwinFile?: (path: string) => Promise<string>;
}

/** A command failure: printed as `FAILED` followed by these lines, exit code 1. */
export class SimFailure extends Error {
  readonly lines: readonly string[];
  constructor(lines: readonly string[]) {
    super(lines.join(' '));
    this.name = 'SimFailure';
    this.lines = lines;
  }
}

/** Apply the loss model and persist. */
export async function commit(ctx: SimContext): Promise<void> {
  applyLoss(ctx.state);
  await ctx.io.persist(ctx.state);
}

/** Fail or crash here when this invocation's fault names this point (state is persisted first). */
export async function checkpoint(ctx: SimContext, point: FaultPoint): Promise<void> {
  if (ctx.fault?.point !== point) return;
  await commit(ctx);
  if (ctx.fault.crash) await ctx.io.crash();
  throw new SimFailure(faultLines(point));
}

/** Error lines printed when an injected fault fails a command. */
export function faultLines(point: FaultPoint): string[] {
  return ['Error communicating with the crypto units: the connection was reset.', `${FAULT_MARK}${point})`];
}

const FAULT_MARK = '(simulated fault: ';

/** Whether an output line is the simulator's own note naming an injected fault (training's exam hides it). */
export function isFaultNote(line: string): boolean {
  return line.trim().startsWith(FAULT_MARK);
}

/** Ask a question and return the trimmed answer; fails when input has ended. */
export async function ask(ctx: SimContext, lines: readonly string[], secret = false): Promise<string> {
  for (const l of lines) ctx.io.print(l);
  const answer = await ctx.io.readLine(PROMPT_MARK, secret);
  if (answer === undefined) throw new SimFailure(['No input was received for the prompt.']);
  return secret ? answer.replace(/\r$/, '') : answer.trim();
}
