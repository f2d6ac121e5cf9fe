// Updates in order per chat and side by side across chats, and the gate a stopping bot closes behind what it holds.
import { sequentialize } from '@grammyjs/runner';
import type { Context, MiddlewareFn } from 'grammy';

/**
 * Sits right after `sequentialize`, where an update's turn in its chat has come: it records which updates have begun,
 * and once closed turns away the ones a stopping bot must leave for Telegram to deliver again.
 */
export interface UpdateGate {
  middleware: MiddlewareFn<Context>;
  /** The highest update_id whose handling has begun; 0 before any. */
  highestBegun(): number;
  /** From now on an update whose turn comes is handled only when `keep(update_id)`; the others are turned away. */
  close(keep: (updateId: number) => boolean): void;
  /** Was this update turned away (not handled at all)? */
  turnedAway(updateId: number): boolean;
}

/** @example bot.use(inChatOrder(), gate.middleware) */
export function createUpdateGate(): UpdateGate {
  let highest = 0;
  let keep: ((updateId: number) => boolean) | undefined;
  const away = new Set<number>();
  return {
    middleware: (ctx, next) => {
      const id = ctx.update.update_id;
      if (keep && !keep(id)) {
        away.add(id);
        return Promise.resolve();
      }
      highest = Math.max(highest, id);
      return next();
    },
    highestBegun: () => highest,
    close(filter) {
      keep = filter;
    },
    turnedAway: (updateId) => away.has(updateId),
  };
}

/**
 * grammY runner's `sequentialize`, keyed by chat: a chat's updates are handled one after another in the order they
 * arrive, while other chats go on (one chat waiting out a 429 holds nobody else). Button presses under inline
 * messages have no chat and queue per user; inline queries need no order.
 */
export function inChatOrder(): MiddlewareFn<Context> {
  return sequentialize((ctx: Context) => {
    if (ctx.chat) return `chat:${ctx.chat.id}`;
    if (ctx.callbackQuery) return `user:${ctx.callbackQuery.from.id}`;
    return undefined;
  }) as MiddlewareFn<Context>;
}
