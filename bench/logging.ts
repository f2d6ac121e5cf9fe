// What staff's logs cost a reply: the answer log's record() (one line built and appended to a file), in microseconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConversation } from '../src/chat/conversation.js';
import type { Reply } from '../src/chat/reply.js';
import { createAnswerLog } from '../src/logs/answers.js';
import { loadEngine, type SearchEngine } from '../src/search/engine.js';

/** Median microseconds per reply of record() over `rounds` rounds of `batch` replies each, on a temporary file. */
export async function loggingCost(engine: SearchEngine, rounds = 20, batch = 500): Promise<{ recordUs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-logs-'));
  try {
    const { reply } = await createConversation({ engine }).respond({
      text: '经开区汽车怎么说',
      chat: 'group',
      userId: 'u',
      chatId: 'c',
    });
    const log = createAnswerLog({ path: join(dir, 'answers.jsonl'), door: 'telegram', maxBytes: 4 << 20, keep: 3 });
    const record = { chat: 'group' as const, text: '经开区汽车怎么说', reply: reply as Reply };
    for (let i = 0; i < batch; i++) log.record(record); // warm up
    const perReply: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) log.record(record);
      perReply.push(Number(process.hrtime.bigint() - start) / 1000 / batch);
    }
    perReply.sort((a, b) => a - b);
    return { recordUs: perReply[Math.floor(perReply.length / 2)]! };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx bench/logging.ts`: this figure alone, without the whole bench.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { recordUs } = await loggingCost(loadEngine());
  console.log(`answer log record() per reply: ${recordUs.toFixed(1)} µs (median of 20 rounds of 500)`);
}
