/** `ibmcloud login`: a token valid for one hour; the API key or password is never kept. */
import { OK } from '../../tke/messages.js';
import { SimFailure, type SimContext } from '../context.js';
import { headerLines } from '../format.js';

export const TOKEN_LIFETIME_MS = 3_600_000;

const VALUE_FLAGS = ['--apikey', '-r', '-g', '-a', '-c', '-u', '-p'] as const;
const BOOL_FLAGS = ['--no-region', '-q', '--quiet'] as const;

async function readAnswer(ctx: SimContext, prompt: string, secret: boolean): Promise<string> {
  const answer = await ctx.io.readLine(prompt, secret);
  if (answer === undefined) throw new SimFailure(['No input was received for the prompt.']);
  return answer.trim();
}

/** Log in: parse flags, prompt for credentials when no API key is given, set a fresh token. */
export async function login(ctx: SimContext, args: readonly string[]): Promise<void> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if ((BOOL_FLAGS as readonly string[]).includes(a)) continue;
    if (!(VALUE_FLAGS as readonly string[]).includes(a)) {
      throw new SimFailure([`Incorrect Usage: flag provided but not defined: ${a}`]);
    }
    const v = args[++i];
    if (v === undefined) throw new SimFailure([`Incorrect Usage: flag needs an argument: ${a}`]);
    flags.set(a, v);
  }
  const s = ctx.state.session;
  s.apiEndpoint = flags.get('-a') ?? s.apiEndpoint;
  ctx.io.print(`API endpoint: ${s.apiEndpoint}`);
  if (!flags.has('--apikey')) {
    const user = flags.get('-u') ?? (await readAnswer(ctx, 'Email> ', false));
    const password = flags.get('-p') ?? (await readAnswer(ctx, 'Password> ', true));
    if (user === '' || password === '') throw new SimFailure(['Unable to authenticate.']);
    s.user = user;
  } else if (flags.get('--apikey') === '') {
    throw new SimFailure(['Unable to authenticate.']);
  }
  ctx.io.print('Authenticating...');
  s.region = flags.get('-r') ?? s.region;
  s.resourceGroup = flags.get('-g') ?? s.resourceGroup;
  s.tokenExpiresAt = ctx.now() + TOKEN_LIFETIME_MS;
  await ctx.io.persist(ctx.state);
  ctx.io.print(OK);
  ctx.io.print('');
  ctx.io.print(`Targeted account ${s.account}`);
  ctx.io.print('');
  ctx.io.print(`Targeted resource group ${s.resourceGroup}`);
  ctx.io.print('');
  ctx.io.print(`Targeted region ${s.region}`);
  ctx.io.print('');
  headerLines(s).forEach((l) => ctx.io.print(l));
}

/**
 * `ibmcloud target -r REGION -g GROUP`: the region and resource group later commands use, as IBM's
 * troubleshooting page fixes "No service instances were found" [hs-crypto: troubleshooting-list-crypto-units.md].
 * Its output follows `login`'s "Targeted ..." lines [inferred: the IBM Cloud CLI's, not published there].
 */
export async function target(ctx: SimContext, args: readonly string[]): Promise<void> {
  const flags = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? '';
    if (a !== '-r' && a !== '-g') throw new SimFailure([`Incorrect Usage: flag provided but not defined: ${a}`]);
    const v = args[++i];
    if (v === undefined || v.trim() === '') throw new SimFailure([`Incorrect Usage: flag needs an argument: ${a}`]);
    flags.set(a, v);
  }
  const s = ctx.state.session;
  if (ctx.now() >= s.tokenExpiresAt) throw new SimFailure(["Not logged in. Use 'ibmcloud login' to log in."]);
  s.region = flags.get('-r') ?? s.region;
  s.resourceGroup = flags.get('-g') ?? s.resourceGroup;
  await ctx.io.persist(ctx.state);
  if (flags.has('-g')) {
    ctx.io.print(`Targeted resource group ${s.resourceGroup}`);
    ctx.io.print('');
  }
  if (flags.has('-r')) {
    ctx.io.print(`Targeted region ${s.region}`);
    ctx.io.print('');
  }
  headerLines(s).forEach((l) => ctx.io.print(l));
  ctx.io.print(OK);
}
