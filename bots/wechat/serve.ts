// Serving WeChat: a readable session, the bot built and started patiently, a ready line, a clean stop.
import type { Wechaty } from 'wechaty';
import type { DoorContext } from '../door/run.js';
import type { WechatBotOptions } from '../wechat.js';
import type { WechatEnvConfig } from './config.js';
import { connectPatiently } from './connect.js';
import { sessionPaths, setAsideDamagedSession } from './session.js';

/** The door's `serve`; `build` is createWechatBot, passed in so this module need not import the door. */
export async function serveWechat(
  context: DoorContext<WechatEnvConfig>,
  build: (options: WechatBotOptions) => Wechaty,
): Promise<void> {
  const { config, log, signal } = context;
  const { puppet, bot: etiquette } = config;
  const session = sessionPaths(config.sessionDir);
  const aside = await setAsideDamagedSession(session.file);
  if (aside) log.info(`the session file ${session.file} was damaged; moved it to ${aside}, a fresh login starts`);
  const bot = build({
    puppet: puppet.name,
    puppetOptions: puppet.token ? { token: puppet.token } : undefined,
    // --check writes no session: an offline check would leave an empty file the next start calls damaged.
    name: context.check ? undefined : session.name,
    config: etiquette,
    engine: context.engine,
    misses: context.misses,
    answers: context.answers,
    log,
  });
  const groups = etiquette.rooms.length > 0 ? `groups: ${etiquette.rooms.join(', ')}` : 'every group';
  const plain = `plain group questions ${etiquette.answerPlainQuestions ? 'on' : 'off'}`;
  const prefix = etiquette.prefix ? `, prefix ${JSON.stringify(etiquette.prefix)}` : '';
  log.info(`starting ${puppet.name}${puppet.token ? ' (token set)' : ''}; ${groups}; ${plain}${prefix}`);
  let started = false;
  const onStarted = () => {
    if (!started) context.ready(`${puppet.name} started, session ${session.file}; waiting for the login`);
    started = true;
  };
  if (!context.check) return connectPatiently(bot, { log, signal, onStarted });
  // --check passes once WeChat has answered: a QR code to scan, or a login from the kept session. The mock puppet
  // has no WeChat behind it: its start is all there is to check.
  const answered = (what: string) => () => {
    if (!started) context.ready(`${puppet.name} started, session ${session.file} (--check writes none); ${what}`);
    started = true;
  };
  bot.on('scan', answered('WeChat answered with a QR code')).on('login', answered('WeChat answered: logged in'));
  const mock = puppet.name === 'wechaty-puppet-mock';
  await connectPatiently(bot, {
    log,
    signal,
    onStarted: mock ? answered('no WeChat behind the mock') : undefined,
    once: true,
  });
}
