// The WeChat bot's life as the operator sees it: the QR code, login and logout, puppet errors, the groups it is in.
import qrcodeTerminal from 'qrcode-terminal';
import { type Contact, qrcodeValueToImageUrl, ScanStatus } from 'wechaty';
import { describeError, withoutRepeats } from '../door/log.js';
import type { WechatDesk } from './message.js';

/** A QR code to scan: drawn (on stderr by default) and given as a URL, for terminals that garble it. */
export const onScan = (desk: WechatDesk) => (qrcode: string, status: ScanStatus) => {
  if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout)
    return desk.log.info(`scan ${ScanStatus[status]}`);
  (desk.showQrCode ?? drawQrCode)(qrcode);
  desk.log.info(`scan the QR code with the bot's WeChat account: ${qrcodeValueToImageUrl(qrcode)}`);
};

export const onLogin = (desk: WechatDesk) => (user: Contact) => desk.log.info(`logged in as ${user.name()}`);

export const onLogout = (desk: WechatDesk) => (user: Contact) => desk.log.info(`logged out ${user.name()}`);

/**
 * Puppet errors after login, once per minute however often they come; before login they are debug lines, because
 * `connectPatiently` names their cause in one line and retries.
 */
export const onError = (desk: WechatDesk) => {
  const logError = withoutRepeats(desk.log.error, desk.now);
  return (error: Error) =>
    desk.bot.isLoggedIn
      ? logError(describeError(error))
      : desk.log.debug('puppet error before login: %s', describeError(error));
};

/** The groups the bot is in, with their ids, so an operator can allow them by id; the rest as their messages come. */
export const onReady = (desk: WechatDesk) => () =>
  void (async () => {
    for (const room of (await desk.bot.Room.findAll()).slice(0, LISTED_ROOMS))
      desk.rooms.seen({ id: room.id, topic: await room.topic() });
  })().catch((error) => desk.log.debug('listing groups failed: %s', describeError(error)));

function drawQrCode(qrcode: string): void {
  qrcodeTerminal.generate(qrcode, { small: true }, (art) => process.stderr.write(`${art}\n`));
}

/** A bot in hundreds of groups would flood the start-up log. */
const LISTED_ROOMS = 100;
