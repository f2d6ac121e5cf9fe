// One robot message from the Stream topic /v1.0/im/bot/messages/get, checked with zod, reduced to what the door needs.
import { z } from 'zod';
import type { AddressedMessage } from '../door/answer.js';
import type { SessionWebhook } from './session-webhook.js';

/**
 * A robot message as the door uses it: the id is DingTalk's `msgId` (a redelivered message has the same one), the
 * chat its conversation, and `hook` where to answer.
 */
export interface RobotMessage extends AddressedMessage {
  hook: SessionWebhook;
}

/**
 * Reads the `data` of a robot CALLBACK frame. Voice messages count as text (DingTalk sends its transcription), rich
 * text as its text parts; pictures, files and videos as no words.
 * @returns null, with the reason, when `data` is not a robot message (so the door can log it and move on)
 * @example parseRobotMessage(downstream.data) // { id: 'msg…', chat: 'group', text: ' 经开区汽车怎么说', … }
 */
export function parseRobotMessage(data: string): RobotMessage | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { error: 'data is not JSON' };
  }
  const parsed = RobotMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { error: `not a robot message: ${issue.path.join('.') || 'data'}: ${issue.message}` };
  }
  const m = parsed.data;
  return {
    id: m.msgId,
    chatId: m.conversationId,
    chat: m.conversationType === '2' ? 'group' : 'private',
    userId: m.senderStaffId || m.senderId || m.conversationId,
    text: textOf(m),
    hook: { url: m.sessionWebhook, expiresAt: m.sessionWebhookExpiredTime },
  };
}

function textOf(m: z.infer<typeof RobotMessageSchema>): string | null {
  switch (m.msgtype) {
    case 'text':
      return m.text?.content ?? '';
    case 'audio':
      return m.content?.recognition ?? null;
    case 'richText': {
      const words = (m.content?.richText ?? []).flatMap((part) => (part.text ? [part.text] : [])).join(' ');
      return words.trim() === '' ? null : words;
    }
    default:
      return null;
  }
}

const RobotMessageSchema = z.object({
  msgId: z.string().min(1),
  conversationId: z.string().min(1),
  conversationType: z.enum(['1', '2']),
  senderStaffId: z.string().optional(),
  senderId: z.string().optional(),
  sessionWebhook: z.string().url(),
  sessionWebhookExpiredTime: z.number(),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  content: z
    .object({
      recognition: z.string().optional(),
      richText: z.array(z.object({ text: z.string().optional() }).passthrough()).optional(),
    })
    .passthrough()
    .optional(),
});
