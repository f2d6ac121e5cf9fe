// The due list as plain text for staff: each commitment with its due date, status, body, verbatim clause and `/q n`.
import { DUE_HORIZON_DAYS, type FollowUp, statusLabel } from './follow-up.js';

/**
 * The due list as one plain-text message of at most `maxBytes` bytes of UTF-8: a heading with the day and the count,
 * then one block per commitment, oldest due first, and how to record progress. When the blocks do not all fit, the
 * last ones are left out and a line says how many and where to see them all. Nothing due: a line saying so.
 * @example dueListText(dueList(commitments, ledger, '2026-10-01'), '2026-10-01', 2048)
 */
export function dueListText(items: readonly FollowUp[], today: string, maxBytes: number): string {
  if (items.length === 0) return `督办提醒（${today}）：没有已到期或${DUE_HORIZON_DAYS}天内到期的承诺。`;
  const heading = `督办提醒（${today}）：已到期或${DUE_HORIZON_DAYS}天内到期的承诺${items.length}条，按到期日排列（原文摘录）`;
  const footer = '登记进展：npm run -s cli -- promises set 编号 done|in-progress|dropped --note 说明 --source 链接';
  const blocks = items.map(block);
  for (let shown = blocks.length; shown >= 1; shown--) {
    const rest = blocks.length - shown;
    const more = rest > 0 ? [`……另有${rest}条，见 npm run -s cli -- promises --json`] : [];
    const text = [heading, ...blocks.slice(0, shown), ...more, footer].join('\n\n');
    if (Buffer.byteLength(text) <= maxBytes) return text;
  }
  // Even one block is too long for the platform: cut it, keeping the quote's start and saying it was cut.
  const text = [heading, blocks[0]!].join('\n\n');
  return `${truncateBytes(text, maxBytes - 40)}…（过长已截断，见 promises --json）`;
}

function block(f: FollowUp, index: number): string {
  const c = f.commitment;
  const when = `${f.overdue ? '已逾期' : '将到期'} · 到期 ${f.due}${f.recurring ? '（每年）' : ''}`;
  const q = c.id === 'closing' ? '/q closing' : `/q ${c.id.slice(1)}`;
  return [
    `${index + 1}. ${when} · ${statusLabel(f.status)}${f.entry?.note ? `：${f.entry.note}` : ''}`,
    `${c.body}：「${c.text}」`,
    `${q} · ${c.asker.name}${c.asker.title}${c.id === 'closing' ? '总体回应' : '提问'} · 编号 ${c.key}`,
  ].join('\n');
}

function truncateBytes(text: string, maxBytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}
