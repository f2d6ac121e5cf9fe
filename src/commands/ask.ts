// `ask "<text>"`: the plain-text reply to one message, as the bots would give it (a contract other tools use).
import { createConversation } from '../chat/conversation.js';
import { pageUrlFromEnv } from '../chat/page-links.js';
import { renderPlain } from '../chat/render-plain.js';
import { loadCommitments } from '../commitments/load.js';
import { createAnswerLog } from '../logs/answers.js';
import { answerLogPathFromEnv, missesPathFromEnv } from '../logs/env.js';
import { createMissesLog } from '../logs/misses.js';
import { type Command, UsageError } from './io.js';

export const ask: Command = async (args, io) => {
  const text = args.join(' ');
  if (text.trim() === '') throw new UsageError('usage: ask "<question or command>"');
  const misses = createMissesLog({ path: missesPathFromEnv(process.env) });
  const answers = createAnswerLog({ path: answerLogPathFromEnv(process.env), door: 'cli' });
  const conversation = createConversation({
    engine: io.engine(),
    commitments: loadCommitments(),
    misses,
    answers,
    pageUrl: pageUrlFromEnv(process.env),
  });
  const { reply } = await conversation.respond({ text, chat: 'console', userId: 'console', chatId: 'console' });
  // One reply, however long: a terminal has no message limit.
  if (reply) io.stdout.write(`${renderPlain(reply, Number.MAX_SAFE_INTEGER).join('\n')}\n`);
  await Promise.all([misses.flush(), answers.flush()]);
  return 0;
};
