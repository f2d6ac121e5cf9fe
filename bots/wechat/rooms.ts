// Which groups the bot may speak in (the allow-list, by id or by name), and the ids an operator needs to write it.
import type { DoorLog } from '../door/log.js';

/** A group as the allow-list sees it. */
export interface RoomInfo {
  id: string;
  topic: string;
}

/**
 * May the bot speak in this group? An empty list allows every group. An entry matches the group's id or its name;
 * a name also matches any other group renamed to it, an id never does.
 * @example roomAllowed({ id: '1@chatroom', topic: '家长群' }, ['数字经济学习群', '1@chatroom']) // true
 */
export function roomAllowed(room: RoomInfo, rooms: readonly string[]): boolean {
  return rooms.length === 0 || rooms.includes(room.id) || rooms.includes(room.topic);
}

/** Tells the operator about each group once: its id, whether it is allowed, and names shared by several groups. */
export interface RoomRegister {
  /** Prints the group's line the first time it is seen (a message from it, or the list at login). */
  seen(room: RoomInfo): void;
}

/** @example const register = createRoomRegister(config.rooms, log); register.seen({ id: room.id, topic }); */
export function createRoomRegister(rooms: readonly string[], log: DoorLog): RoomRegister {
  const printed = new Set<string>();
  const idsByName = new Map<string, Set<string>>();
  return {
    seen(room) {
      if (printed.has(room.id)) return;
      printed.add(room.id);
      log.info(`group ${JSON.stringify(room.topic)} has id ${room.id}: ${standing(room, rooms)}`);
      if (!rooms.includes(room.topic) || rooms.includes(room.id)) return;
      const ids = idsByName.get(room.topic) ?? new Set<string>();
      ids.add(room.id);
      idsByName.set(room.topic, ids);
      if (ids.size === 2)
        log.info(
          `${ids.size} groups are named ${JSON.stringify(room.topic)} and WECHAT_ROOMS allows them by name: ` +
            `put the id of the one you mean in WECHAT_ROOMS instead (ids: ${[...ids].join(', ')})`,
        );
    },
  };
}

function standing(room: RoomInfo, rooms: readonly string[]): string {
  if (rooms.length === 0) return 'answered (WECHAT_ROOMS is empty: every group is)';
  if (rooms.includes(room.id)) return 'answered (allowed by id)';
  if (rooms.includes(room.topic)) return 'answered (allowed by name)';
  return 'ignored (not in WECHAT_ROOMS)';
}
