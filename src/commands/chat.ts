// `chat` (what `npm start` runs): the console chat, replying exactly like the bots, with no token and no account.
import { createInterface } from 'node:readline';
import { createConversation } from '../chat/conversation.js';
import { pageUrlFromEnv } from '../chat/page-links.js';
import { renderPlain } from '../chat/render-plain.js';
import { loadCommitments } from '../commitments/load.js';
import { createAnswerLog } from '../logs/answers.js';
import { answerLogPathFromEnv, missesPathFromEnv } from '../logs/env.js';
import { createMissesLog } from '../logs/misses.js';
import { type Command, UsageError } from './io.js';

export const PROMPT = '问> ';

export const chat: Command = async (args, io) => {
  if (args.length > 0) throw new UsageError('usage: chat (then type questions; Ctrl-D quits)');
  const engine = io.engine();
  const misses = createMissesLog({ path: missesPathFromEnv(process.env) });
  const answers = createAnswerLog({ path: answerLogPathFromEnv(process.env), door: 'console' });
  const conversation = createConversation({
    engine,
    commitments: loadCommitments(),
    misses,
    answers,
    pageUrl: pageUrlFromEnv(process.env),
  });
  const terminal = Boolean((io.stdin as { isTTY?: boolean }).isTTY && (io.stdout as { isTTY?: boolean }).isTTY);
  const { title, example } = conversation.about;
  io.stdout.write(`${title}\n直接输入问题（例如：${example}），/help 查看用法，Ctrl-D 退出。\n`);
  const rl = createInterface({
    input: io.stdin,
    output: io.stdout,
    terminal,
    historySize: 200,
    prompt: PROMPT,
    crlfDelay: Infinity,
  });
  // Ctrl-C quits as well, instead of leaving a half-closed prompt.
  rl.on('SIGINT', () => rl.close());
  rl.prompt();
  for await (const line of rl) {
    const { reply } = await conversation.respond({
      text: line,
      chat: 'console',
      userId: 'console',
      chatId: 'console',
    });
    if (reply) io.stdout.write(`${renderPlain(reply).join('\n\n')}\n\n`);
    rl.prompt();
  }
  io.stdout.write('\n再见。\n');
  await Promise.all([misses.flush(), answers.flush()]);
  return 0;
};
