// DingTalk door (钉钉 Stream mode over dingtalk-stream): createDingtalkBot() wires robot messages to the conversation.

import { TOPIC_ROBOT } from 'dingtalk-stream';
import { type DingtalkConfig, dingtalkSecrets, parseDingtalkEnv } from './dingtalk/env.js';
import { type DingtalkDesk, onRobotMessage } from './dingtalk/handlers.js';
import type { PostOptions } from './dingtalk/session-webhook.js';
import { StreamClient } from './dingtalk/stream-client.js';
import { doorConversation } from './door/conversation.js';
import { createDoorLog, withoutRepeats } from './door/log.js';
import {
  type LongConnectionBot,
  type LongConnectionOptions,
  serveLongConnection,
  trackedAnswering,
} from './door/long-connection.js';
import { type Door, type RunOptions, runAsScript, runDoor } from './door/run.js';

export interface DingtalkBotOptions extends LongConnectionOptions {
  clientId: string;
  clientSecret: string;
  /** The Stream gateway's open-connection address; default DingTalk's. Tests pass a stand-in's. */
  gatewayUrl?: string;
  /** Pause before reconnecting; tests shorten it. Default the SDK's 1 s. */
  reconnectMs?: number;
  /** Clock, retry pause and fetch for the session webhooks. */
  post?: PostOptions;
}

/**
 * `start()` resolves once the stream connection is open. While the gateway refuses or cannot be reached it keeps
 * asking, with a logged reason and a growing pause.
 */
export type DingtalkBot = LongConnectionBot<StreamClient>;

/**
 * The DingTalk robot, not yet connected.
 * @example const bot = createDingtalkBot({ clientId, clientSecret, engine: loadEngine() }); await bot.start();
 */
export function createDingtalkBot(options: DingtalkBotOptions): DingtalkBot {
  const log = options.log ?? createDoorLog('dingtalk', { secrets: [{ name: 'secret', value: options.clientSecret }] });
  const conversation = doorConversation(options, log);
  let connections = 0;
  let connected: () => void = () => {};
  let failed: (error: Error) => void = () => {};
  const firstConnection = new Promise<void>((resolve, reject) => {
    connected = resolve;
    failed = reject;
  });
  const connectError = withoutRepeats((line) => log.error(line), Date.now);
  const badFrame = withoutRepeats((line) => log.error(line), Date.now);
  const onConnect = () => {
    if (connections++ > 0) log.info('reconnected');
    connected();
  };
  const client = new StreamClient({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    gatewayUrl: options.gatewayUrl,
    reconnectMs: options.reconnectMs,
    onConnectError: (error) => {
      if (!options.check) return connectError(`cannot open the stream connection, retrying: ${error.message}`);
      client.disconnect();
      failed(error);
    },
    onConnect,
    onBadFrame: (reason) => badFrame(`ignored a malformed stream frame: ${reason}`),
  });
  const tracked = trackedAnswering(conversation, log, {
    perMinute: DINGTALK_PER_MINUTE,
    messageLimit: options.messageLimit,
  });
  const desk: DingtalkDesk = {
    client,
    answering: tracked.answering,
    log,
    post: options.post ?? {},
    onHandled: options.onHandled,
  };

  client.registerCallbackListener(TOPIC_ROBOT, onRobotMessage(desk));

  return {
    client,
    async start() {
      void client.connect();
      await firstConnection;
    },
    async stop(graceMs) {
      await tracked.settled(graceMs);
      client.disconnect();
    },
  };
}

/** `npm run dingtalk`: the environment checked, the stream connection opened, answering until SIGINT/SIGTERM. */
export const dingtalkDoor: Door<DingtalkConfig> = {
  name: 'dingtalk',
  docs: 'README.md, "DingTalk bot"',
  configure: parseDingtalkEnv,
  secrets: dingtalkSecrets,
  serve: (context) => serveLongConnection(context, createDingtalkBot, (c) => `connected as app ${c.clientId}`),
};

/** Resolves to the exit code; `--check` stops after the ready line. */
export const main = (options?: RunOptions): Promise<number> => runDoor(dingtalkDoor, options);

/** DingTalk's limit for one robot in one group. */
const DINGTALK_PER_MINUTE = 20;

await runAsScript(import.meta.url, main);
