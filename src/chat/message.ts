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

/**
 * What became of one message: a reply to send, or the reason for silence. A private chat or the console that asks
 * too fast gets, once per limited stretch, the `rate-limited` reply saying when to ask again; groups only silence.
 * @example
 * const { reply, silence } = await conversation.respond(message);
 * if (reply) send(renderPlain(reply)); else log(silence);
 */
export type Outcome = { reply: Reply; silence?: undefined } | { reply: null; silence: Silence };
