// `npm run remind [-- --dry-run]`: sends the due list (overdue and due within 90 days) once a day to each staff chat configured.
import { dueListText } from '../src/commitments/due-text.js';
import { dueList, type FollowUp, todayOf } from '../src/commitments/follow-up.js';
import { ledgerPath, readLedger } from '../src/commitments/ledger.js';
import { loadCommitments } from '../src/commitments/load.js';
import type { Commitment } from '../src/commitments/model.js';
import { messageOf } from '../src/errors.js';
import { DoorConfigError, type Env } from './door/env.js';
import { createDoorLog, type DoorLog } from './door/log.js';
import { runAsScript } from './door/run.js';
import { parseRemindEnv, remindSecrets, type Target } from './remind/env.js';
import { MESSAGE_BYTES, type SendOptions, sendTo } from './remind/send.js';
import { holdRun, recordSent, sentOn } from './remind/state.js';

export interface RemindOptions {
  argv?: readonly string[];
  env?: Env;
  /** Where --dry-run prints the messages. Default stdout. */
  print?: (text: string) => void;
  /** Where progress and failures go, one line each. Default stderr. */
  log?: (line: string) => void;
  /** The commitments; default index/'s. */
  commitments?: () => readonly Commitment[];
  send?: SendOptions;
}

const USAGE = 'usage: npm run remind [-- --dry-run]';

/**
 * One reminder run. For each target not yet sent to today: the due list as one message, sent by the platform's API
 * (or, with --dry-run, printed and not recorded). A failing target gets one line and the others are still sent; it is
 * not recorded, so the next run tries it again. Nothing due: nothing sent.
 * Exit code: 0 all sent (or nothing to send), 1 a target failed, 2 the configuration or command line is wrong.
 * @example await remind({ argv: ['--dry-run'] }) // prints one message per target
 */
export async function remind(options: RemindOptions = {}): Promise<number> {
  const argv = options.argv ?? process.argv.slice(2);
  const env = options.env ?? process.env;
  const print = options.print ?? ((text) => process.stdout.write(`${text}\n`));
  const write = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  if (argv.some((a) => a !== '--dry-run')) {
    write(`remind: ${USAGE}`);
    return 2;
  }
  const dryRun = argv.includes('--dry-run');

  let config: ReturnType<typeof parseRemindEnv>;
  let today: string;
  try {
    config = parseRemindEnv(env);
    today = todayOf(env);
  } catch (error) {
    write(error instanceof DoorConfigError ? error.message : `remind: cannot start: ${messageOf(error)}`);
    return 2;
  }
  const log = createDoorLog('remind', { secrets: remindSecrets(config), write });

  try {
    const commitments = options.commitments?.() ?? loadCommitments();
    const due = dueList(commitments, readLedger(ledgerPath(env)), today);
    if (due.length === 0) {
      log.info(`nothing overdue or due within 90 days on ${today}; nothing sent`);
      return 0;
    }
    // Two runs at once (cron and a person) would both find a target unsent: the second waits for none and sends nothing.
    const release = dryRun ? async () => {} : await holdRun(config.stateFile);
    if (!release) {
      log.info('another remind run is sending now; this one sends nothing');
      return 0;
    }
    try {
      return await sendAll(config.targets, due, today, {
        dryRun,
        print,
        log,
        stateFile: config.stateFile,
        send: options.send,
      });
    } finally {
      await release();
    }
  } catch (error) {
    log.error(messageOf(error));
    return 1;
  }
}

async function sendAll(
  targets: readonly Target[],
  due: FollowUp[],
  today: string,
  how: { dryRun: boolean; print: (text: string) => void; log: DoorLog; stateFile: string; send?: SendOptions },
): Promise<number> {
  const { dryRun, print, log } = how;
  const already = dryRun ? new Set<string>() : sentOn(how.stateFile, today);
  let failed = 0;
  for (const target of targets) {
    const text = dueListText(due, today, MESSAGE_BYTES[target.kind]);
    if (already.has(target.kind)) {
      log.info(`${describe(target)}: already sent on ${today}; not sent again`);
      continue;
    }
    if (dryRun) {
      print(log.redact(`--- ${describe(target)} (dry run, not sent) ---\n${text}`));
      continue;
    }
    try {
      await sendTo(target, text, how.send);
      recordSent(how.stateFile, today, target.kind);
      log.info(`${describe(target)}: sent ${due.length} commitment(s) due on ${today}`);
    } catch (error) {
      failed++;
      log.error(`${describe(target)}: not sent: ${messageOf(error)}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

/** A target as the log names it: the platform and, for Telegram, the chat (a webhook's URL holds its key). */
function describe(target: Target): string {
  return target.kind === 'telegram' ? `telegram chat ${target.chatId}` : `${target.kind} robot`;
}

await runAsScript(import.meta.url, () => remind());
