// The DingTalk door's named handler: a robot message in, acknowledged at once, the reply posted to its session webhook.
import type { DWClientDownStream } from 'dingtalk-stream';
import { shorten } from '../../src/chat/reply.js';
import { describeError } from '../door/log.js';
import { type LongConnectionDesk, onAddressed } from '../door/long-connection.js';
import { parseRobotMessage } from './robot-message.js';
import { type PostOptions, postMarkdown } from './session-webhook.js';

/** What the handler shares with the rest of the door: built once by `createDingtalkBot`. */
export interface DingtalkDesk extends LongConnectionDesk {
  client: { socketCallBackResponse(messageId: string, result: unknown): void };
  /** Clock, retry pause and fetch for the session webhooks. */
  post: PostOptions;
}

/**
 * One CALLBACK on the robot topic. It is acknowledged first, whatever follows, so DingTalk does not deliver it again
 * while the answer is being found; a message that comes twice anyway (same msgId) is answered once. In groups
 * DingTalk delivers @-mentions only, so every message is for the robot.
 */
export function onRobotMessage(desk: DingtalkDesk): (downstream: DWClientDownStream) => Promise<void> {
  return onAddressed(desk, (downstream: DWClientDownStream) => {
    acknowledge(desk, downstream.headers?.messageId);
    const message = parseRobotMessage(String(downstream.data));
    if ('error' in message) return message;
    return {
      message,
      say: (part) => postMarkdown(message.hook, { title: markdownTitle(part), text: part }, desk.post),
    };
  });
}

/**
 * The title DingTalk shows in notifications and the chat list: the start of the message's first line, as read.
 * @example markdownTitle('**q5 樊志宏委员提问**：经开区将如何推动汽车产业与数字经济加快融合发展?\n\n> …') // 'q5 樊志宏委员提问：经开区将如何推动汽车产业…'
 */
export function markdownTitle(markdown: string): string {
  const first = markdown.split('\n').find((line) => line.trim() !== '') ?? '';
  const plain = first.replace(/^> /, '').replace(/\*\*/g, '').replace(/\\(.)/g, '$1').trim();
  return shorten(plain === '' ? '专题询问' : plain, TITLE_CHARS);
}

/** Tells DingTalk the frame arrived; a connection that closed meanwhile gets it redelivered, and msgId catches that. */
function acknowledge(desk: DingtalkDesk, messageId: string | undefined): void {
  if (!messageId) return;
  try {
    desk.client.socketCallBackResponse(messageId, {});
  } catch (error) {
    desk.log.error(`could not acknowledge ${messageId}: ${describeError(error)}`);
  }
}

/** Enough to recognise the answer in a notification. */
const TITLE_CHARS = 24;
