import type { Activity } from '@microsoft/agents-activity';
import { CloudAdapter, type ConnectorClient, type HeaderPropagationCollection } from '@microsoft/agents-hosting';

/** The identity the SDK passes around (a JWT payload); taken from its own signature to avoid a direct dependency. */
export type AgentIdentity = Exclude<Parameters<CloudAdapter['continueConversation']>[0], string>;

/** How outgoing Connector calls back off when Teams throttles them. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Teams asks bots to back off on 429 (and to retry 5xx gateway errors) with exponential delays. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 8_000 };

const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Runs `call`, retrying throttled or briefly unavailable answers with exponential backoff, and
 * honouring Retry-After. https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 */
export async function withBackoff<T>(call: () => Promise<T>, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (attempt >= policy.attempts || status === undefined || !RETRYABLE.has(status)) throw error;
      await sleep(delayFor(error, attempt, policy));
    }
  }
}

function delayFor(error: unknown, attempt: number, policy: RetryPolicy): number {
  const headers = (error as { response?: { headers?: Headers } }).response?.headers;
  const header = headers?.get?.('retry-after');
  const retryAfter = header ? Number(header) : Number.NaN;
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1) * (0.8 + Math.random() * 0.4);
  const wanted = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : backoff;
  return Math.min(policy.maxDelayMs, wanted);
}

/** Makes every request of a Connector client retry with backoff. */
export function retryingClient(client: ConnectorClient, policy: RetryPolicy): ConnectorClient {
  const http = client.httpClient;
  const request = http.request.bind(http);
  http.request = (config) => withBackoff(() => request(config), policy);
  return client;
}

/** The SDK's CloudAdapter, with Connector calls (replies, updates, proactive sends) retried on 429. */
export class RetryingCloudAdapter extends CloudAdapter {
  retryPolicy: RetryPolicy = DEFAULT_RETRY;

  protected override async createConnectorClient(
    serviceUrl: string,
    scope: string,
    identity: AgentIdentity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    return retryingClient(await super.createConnectorClient(serviceUrl, scope, identity, headers), this.retryPolicy);
  }

  protected override async createConnectorClientWithIdentity(
    identity: AgentIdentity,
    activity: Activity,
    headers?: HeaderPropagationCollection,
  ): Promise<ConnectorClient> {
    return retryingClient(await super.createConnectorClientWithIdentity(identity, activity, headers), this.retryPolicy);
  }
}
