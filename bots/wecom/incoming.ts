// One WeCom 智能机器人 message callback (aibot_msg_callback), checked with zod and reduced to what the door needs.
import { z } from 'zod';
import type { AddressedMessage } from '../door/answer.js';

/**
 * Reads the body of a message callback. A voice message counts as text (WeCom sends its transcription), a mixed
 * message as its text parts; images, files and videos as no words.
 * @returns the message, or the reason it is not one (so the door can log it and move on)
 * The id is WeCom's `msgid`; the chat is the group's chatid, or the sender's userid in a private chat.
 * @example parseWecomMessage(frame.body) // { id: 'msg…', chat: 'group', text: '@询问助手 汉融通', … }
 */
export function parseWecomMessage(body: unknown): AddressedMessage | { error: string } {
  const parsed = MessageSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not a message: ${issue.path.join('.') || 'body'}: ${issue.message}` };
  }
  const m = parsed.data;
  const group = m.chattype === 'group';
  return {
    id: m.msgid,
    chat: group ? 'group' : 'private',
    userId: m.from.userid,
    chatId: group ? (m.chatid ?? m.from.userid) : m.from.userid,
    text: textOf(m),
  };
}

function textOf(m: z.infer<typeof MessageSchema>): string | null {
  switch (m.msgtype) {
    case 'text':
      return m.text?.content ?? '';
    case 'voice':
      return m.voice?.content?.trim() ? m.voice.content : null;
    case 'mixed': {
      const words = (m.mixed?.msg_item ?? []).flatMap((item) => (item.text?.content ? [item.text.content] : []));
      return words.join(' ').trim() === '' ? null : words.join(' ');
    }
    default:
      return null;
  }
}

const Content = z.object({ content: z.string() });

const MessageSchema = z.object({
  msgid: z.string().min(1),
  chattype: z.enum(['single', 'group']),
  chatid: z.string().optional(),
  from: z.object({ userid: z.string().min(1) }),
  msgtype: z.string(),
  text: Content.optional(),
  voice: Content.partial().optional(),
  mixed: z
    .object({ msg_item: z.array(z.object({ msgtype: z.string(), text: Content.optional() }).passthrough()) })
    .optional(),
});
