/**
 * `npm run staff -- <command>`: staff console accounts, from the server's command line only (the
 * console has no sign-up and no account page, so nobody can give themselves an account over HTTP).
 *
 *   add <email> --role editor|agent   create an account; the password comes from standard input
 *                                     when piped (`printf '%s' "$PW" | npm run staff -- add ...`),
 *                                     else it is asked for twice, without echo
 *   list                              accounts, roles, last sign-in, open sessions
 *   remove <email>                    delete the account and end its sessions
 *   reset <email>                     a new password (as for add); ends the account's sessions
 *
 * Uses the database the server uses: PostgreSQL when DATABASE_URL is set (migrated first, as a
 * server start would), else the SQLite file in DATA_DIR (default ./data). The server may be running.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { staffRoles, type StaffRole, type StaffStore } from '../store/console-store.ts';
import { openServerStore } from '../store/server-store.ts';
import { defaultPasswordCost, hashPassword, passwordLength, type PasswordCost } from './auth/password.ts';

export interface StaffCliIo {
  store: StaffStore;
  /** Reads the new password (piped or prompted). */
  readPassword(prompt: string): Promise<string>;
  out(line: string): void;
  err(line: string): void;
  now?: () => Date;
  cost?: PasswordCost;
}

const usage = `usage: npm run staff -- add <email> --role editor|agent
       npm run staff -- list
       npm run staff -- remove <email>
       npm run staff -- reset <email>
The password is read from standard input when piped, and asked for otherwise.`;

const normalEmail = (value: string | undefined) => {
  const email = value?.trim().toLowerCase();
  return email && email.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email : undefined;
};

function passwordProblem(password: string): string | undefined {
  if (password.length < passwordLength.min) return `the password needs at least ${passwordLength.min} characters (found ${password.length})`;
  if (password.length > passwordLength.max) return `the password may have at most ${passwordLength.max} characters`;
  if (password.trim() !== password) return 'the password starts or ends with a space: type it without them';
  return undefined;
}

/** Runs one command; returns the process exit code (0 done, 1 refused, 2 usage). */
export async function runStaffCommand(argv: readonly string[], io: StaffCliIo): Promise<number> {
  const now = io.now ?? (() => new Date());
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { role: { type: 'string' } } });
  } catch (error) {
    io.err(`[support-kit staff] ${(error as Error).message}\n${usage}`);
    return 2;
  }
  const [command, emailArg, ...extra] = parsed.positionals;
  const email = normalEmail(emailArg);
  const audit = (action: 'staff-added' | 'staff-removed' | 'password-reset', target: string, detail?: string) =>
    io.store.addAudit({ at: now().toISOString(), actor: 'cli', action, target, ...(detail ? { detail } : {}) });

  if (command === 'list' && !emailArg) {
    const accounts = await io.store.listStaff();
    if (!accounts.length) io.out('No staff accounts. Create one: npm run staff -- add you@example.com --role agent');
    for (const a of accounts) io.out(`${a.email}\t${a.role}\tlast sign-in ${a.lastSignInAt ?? 'never'}\t${a.sessions} open session${a.sessions === 1 ? '' : 's'}`);
    return 0;
  }
  if (!['add', 'remove', 'reset'].includes(command ?? '') || extra.length) {
    io.err(usage);
    return 2;
  }
  if (!email) {
    io.err(`[support-kit staff] ${emailArg ? `"${emailArg}" is not an e-mail address` : 'an e-mail address is needed'}\n${usage}`);
    return 2;
  }

  if (command === 'remove') {
    if (!(await io.store.removeStaff(email))) {
      io.err(`[support-kit staff] there is no account for ${email}`);
      return 1;
    }
    await audit('staff-removed', email);
    io.out(`Removed ${email}; its sessions are ended.`);
    return 0;
  }

  const role = parsed.values.role;
  if (command === 'add' && !staffRoles.includes(role as StaffRole)) {
    io.err(`[support-kit staff] --role must be editor (insights) or agent (also tickets, privacy requests, the audit log) (found ${role === undefined ? 'nothing' : JSON.stringify(role)})`);
    return 2;
  }
  const existing = await io.store.staffByEmail(email);
  if (command === 'add' && existing) {
    io.err(`[support-kit staff] ${email} already has an account (${existing.role}); to change its password: npm run staff -- reset ${email}`);
    return 1;
  }
  if (command === 'reset' && !existing) {
    io.err(`[support-kit staff] there is no account for ${email}; to create one: npm run staff -- add ${email} --role agent`);
    return 1;
  }
  const password = await io.readPassword(`Password for ${email}: `);
  const problem = passwordProblem(password);
  if (problem) {
    io.err(`[support-kit staff] ${problem}`);
    return 1;
  }
  const hash = await hashPassword(password, io.cost ?? defaultPasswordCost);
  const at = now();
  if (command === 'add') {
    await io.store.addStaff({ id: randomUUID(), email, role: role as StaffRole, passwordHash: hash, createdAt: at.toISOString(), passwordChangedAt: at.toISOString() });
    await audit('staff-added', email, role);
    io.out(`Added ${email} (${role}). Sign in at /console/.`);
  } else {
    await io.store.setStaffPassword(email, hash, at);
    await audit('password-reset', email);
    io.out(`New password for ${email}; its sessions are ended.`);
  }
  return 0;
}

/** All of standard input, up to the first line break (a piped password ends with one or not). */
async function pipedPassword(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text.split(/\r?\n/)[0] ?? '';
}

/** Asks on the terminal without echo: the password never appears on screen or in scrollback. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.removeListener('data', onData);
      process.stdout.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return pipedPassword();
  const first = await promptHidden(prompt);
  const again = await promptHidden('Again, to be sure: ');
  if (first !== again) throw new Error('the two passwords differ; nothing was changed');
  return first;
}

if (import.meta.main) {
  let code = 1;
  let where = 'the database';
  try {
    const opened = await openServerStore();
    where = opened.where;
    try {
      code = await runStaffCommand(process.argv.slice(2), { store: opened.store, readPassword, out: (line) => console.log(line), err: (line) => console.error(line) });
    } finally {
      await opened.end();
    }
  } catch (error) {
    console.error(`[support-kit staff] ${(error as Error).message}${(error as Error).message.includes(where) ? '' : ` (${where})`}`);
  }
  process.exit(code);
}
