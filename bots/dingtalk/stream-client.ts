// The dingtalk-stream client, with the gateway address configurable and a stop that stays stopped.
import { DWClient, GATEWAY_URL } from 'dingtalk-stream';
import { RejectedCredentials } from '../door/cause.js';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /**
   * Where `POST /v1.0/gateway/connections/open` goes; default the SDK's own (`GATEWAY_URL`). The SDK has the address
   * built in, so a private deployment or a test stand-in needs this.
   */
  gatewayUrl?: string;
  /** Pause before reconnecting after a dropped connection; default the SDK's 1 s. Doubles while the gateway refuses. */
  reconnectMs?: number;
  /** Told why a connection could not be opened (the SDK would retry silently); it is retried anyway. */
  onConnectError?: (error: Error) => void;
  /** Told each time a connection is open (the first, and after every reconnection). */
  onConnect?: () => void;
  /** Told why a pushed frame was ignored (not JSON, no headers, …); the connection goes on. */
  onBadFrame?: (reason: string) => void;
}

/**
 * `DWClient` from dingtalk-stream, three things changed:
 * - `getEndpoint()` asks `gatewayUrl` (same request, same body as the SDK's own);
 * - a refused or unreachable gateway is reported, and asked again after a growing pause (up to a minute) instead of
 *   every second, unheard;
 * - a malformed frame (not JSON, `null`, binary, no headers) is reported and ignored: the SDK parses and dispatches
 *   frames unguarded inside the socket's listener, where a throw would end the process;
 * - `disconnect()` also cancels a reconnection the SDK has scheduled, which would otherwise reopen the connection
 *   after the door stopped (the SDK's `_connect()` resets its own stop flag).
 * Its own keep-alive stays off: the SDK never clears that timer when a connection drops; DingTalk pings instead.
 * @example
 * const client = new StreamClient({ clientId, clientSecret });
 * client.registerCallbackListener(TOPIC_ROBOT, onRobot);
 * await client.connect();
 */
export class StreamClient extends DWClient {
  readonly gatewayUrl: string;
  readonly #reconnectMs: number;
  readonly #onConnectError: (error: Error) => void;
  readonly #onConnect: () => void;
  readonly #onBadFrame: (reason: string) => void;
  #stopped = false;
  #failures = 0;
  #retry: NodeJS.Timeout | undefined;

  constructor(options: StreamClientOptions) {
    super({ clientId: options.clientId, clientSecret: options.clientSecret });
    this.gatewayUrl = options.gatewayUrl ?? GATEWAY_URL;
    this.#reconnectMs = options.reconnectMs ?? SDK_RECONNECT_MS;
    this.#onConnectError = options.onConnectError ?? (() => {});
    this.#onConnect = options.onConnect ?? (() => {});
    this.#onBadFrame = options.onBadFrame ?? (() => {});
    // The SDK keeps its delay (used after a dropped connection) private.
    Object.assign(this, { reconnectInterval: this.#reconnectMs });
  }

  /** Whether `disconnect()` was called: no connection will be opened again. */
  get stopped(): boolean {
    return this.#stopped;
  }

  override async getEndpoint(): Promise<this> {
    if (this.gatewayUrl === GATEWAY_URL) return super.getEndpoint();
    const config = this.getConfig();
    const response = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        ua: config.ua,
        subscriptions: config.subscriptions,
      }),
    });
    if (response.status === 401 || response.status === 403) throw refused(this.gatewayUrl, response.status);
    const body = (await response.json().catch(() => null)) as { endpoint?: string; ticket?: string } | null;
    if (!response.ok || !body?.endpoint || !body.ticket)
      throw new Error(
        `dingtalk: gateway ${this.gatewayUrl} answered ${response.status} without an endpoint and ticket`,
      );
    // Where the SDK's own getEndpoint() leaves the address for _connect().
    Object.assign(this, { dw_url: `${body.endpoint}?ticket=${body.ticket}` });
    return this;
  }

  override async connect(): Promise<void> {
    if (this.#stopped) return;
    try {
      await this.getEndpoint();
    } catch (error) {
      this.#failures++;
      // The SDK's own request (axios) fails with the status in `response`.
      const status = (error as { response?: { status?: number } })?.response?.status;
      const refusal = status === 401 || status === 403 ? refused(this.gatewayUrl, status) : undefined;
      this.#onConnectError(refusal ?? (error instanceof Error ? error : new Error(String(error))));
      const delay = Math.min(this.#reconnectMs * 2 ** (this.#failures - 1), MAX_RETRY_MS);
      if (!this.#stopped) this.#retry = setTimeout(() => void this.connect(), delay);
      return;
    }
    this.#failures = 0;
    // A socket that fails to open also closes, and the SDK's close handler schedules the next attempt.
    await this._connect().then(
      () => this.#onConnect(),
      (error: unknown) => this.#onConnectError(error instanceof Error ? error : new Error(String(error))),
    );
  }

  override onDownStream(data: string): void {
    const text = String(data);
    const problem = frameProblem(text);
    if (problem) {
      this.#onBadFrame(`${problem} (${Buffer.byteLength(text)} bytes)`);
      return;
    }
    try {
      super.onDownStream(text);
    } catch (error) {
      this.#onBadFrame(error instanceof Error ? error.message : String(error));
    }
  }

  override disconnect(): void {
    this.#stopped = true;
    clearTimeout(this.#retry);
    super.disconnect();
  }
}

function refused(gatewayUrl: string, status: number): RejectedCredentials {
  return new RejectedCredentials(
    `dingtalk: gateway ${gatewayUrl} answered ${status}: it refuses the Client ID and Secret; check DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET`,
  );
}

/** Why the SDK could not dispatch a frame, or undefined when it can: every kind it knows reads `headers`. */
function frameProblem(text: string): string | undefined {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return 'not JSON';
  }
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'not a JSON object';
  const { headers } = frame as { headers?: unknown };
  if (typeof headers !== 'object' || headers === null) return 'no headers';
  return undefined;
}

/** dingtalk-stream's own pause before reconnecting. */
const SDK_RECONNECT_MS = 1000;
const MAX_RETRY_MS = 60_000;
