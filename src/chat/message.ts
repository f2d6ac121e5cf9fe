// What a door hands the conversation (one message) and what it gets back (a reply, or the reason for silence).
import { z } from 'zod';
import type { Reply } from './reply.js';

/** Where a message was written: a one-to-one chat, a group, or the console (`npm start`, `ask`). */
export const ChatKindSchema = z.enum(['private', 'group', 'console']);
export type ChatKind = z.infer<typeof ChatKindSchema>;

/** One message as an adapter hands it over. */
export interface IncomingMessage {
  text: string;
  chat: ChatKind;
  /** Platform user id; used only for rate limiting, never logged. */
  userId: string;
  chatId: string;
  /**
   * Whether the message was meant for the bot (private chat, console, @mention, reply to the bot). Default true.
   * When false (plain group chatter), only a confident answer to something that reads as a question, or a command,
   * gets a reply; everything else is silence.
   */
  addressed?: boolean;
  /**
   * A message with no text that a person sent instead of typing (image, voice, sticker, file). In private chats it gets
   * the short "please ask in words" hint; in groups silence.
   */
  media?: boolean;
  /**
   * A press on a button the bot showed (its data is a command, e.g. `/q 3`). It costs only the chat's allowance, not
   * the user's: reading through related answers must never use up a person's questions.
   */
  button?: boolean;
}

/** Why the conversation stayed silent, so doors can log it: never a reply they build themselves. */
export type Silence = 'empty' | 'etiquette' | 'rate-limited' | 'media';

/** What a private chat or the console is told, once per limited stretch, when its user asks too fast. */
export type RateLimitNotice = Extract<Reply, { kind: 'rate-limited' }>;

/**
 * What became of one message: a reply to send, or the reason for silence. A rate-limited message in a private chat
 * or the console also carries `notice` (once per limited stretch): send it like a reply; groups never get one.
 * @example
 * const { reply, silence, notice } = conversation.respond(message);
 * const said = reply ?? notice;
 * if (said) send(renderPlain(said)); else log(silence);
 */
export type Outcome =
  | { reply: Reply; silence?: undefined; notice?: undefined }
  | { reply: null; silence: Silence; notice?: RateLimitNotice };
