import { expect } from 'vitest';
import type { ConnectorCall } from '../support/fake-connector.js';
import { makeInvoke, makeMessage, makeSubmit, personalChat, type TeamsUser, type Where } from './make-activity.js';
import { buttonData, cardOf, type TeamsHarness } from './teams-harness.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- card JSON is read loosely in tests.
type Json = any;

/** What one step produced: the HTTP status, the card the person now sees, and every Connector call. */
export interface Step {
  status: number;
  /** The card answered to an invoke, or the last card the bot sent for a message. */
  card: Json;
  calls: ConnectorCall[];
}

/** Steps a person takes in Teams, as activities posted to the real endpoint. */
export function steps(h: TeamsHarness) {
  const sent = (calls: ConnectorCall[]) =>
    calls.filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.status < 300);
  return {
    /** Types a message (in a channel it starts with the bot's @mention). */
    async say(
      who: TeamsUser,
      text: string,
      where: Where = personalChat(who),
      mentions: TeamsUser[] = [],
    ): Promise<Step> {
      const r = await h.send(makeMessage(h.fake.url, who, where, text, mentions));
      expect(r.status).toBe(200);
      return { status: r.status, card: cardOf(sent(r.calls).at(-1)?.body), calls: r.calls };
    },
    /** Clicks an Action.Execute button with this data (plus any form inputs). */
    async click(
      who: TeamsUser,
      data: Json,
      inputs: Record<string, unknown> = {},
      where: Where = personalChat(who),
    ): Promise<Step> {
      const r = await h.send(makeInvoke(h.fake.url, who, where, { ...data, ...inputs }));
      expect(r.status).toBe(200);
      return { status: r.status, card: cardOf(r.body), calls: r.calls };
    },
    /** Clicks the button with this title on a card. */
    async press(
      who: TeamsUser,
      card: Json,
      title: string,
      inputs: Record<string, unknown> = {},
      where: Where = personalChat(who),
    ): Promise<Step> {
      return this.click(who, buttonData(card, title), inputs, where);
    },
    /** Sends a plain Action.Submit (older clients): a message whose value is the data plus inputs. */
    async submit(
      who: TeamsUser,
      card: Json,
      title: string,
      inputs: Record<string, unknown> = {},
      where: Where = personalChat(who),
    ): Promise<Step> {
      const r = await h.send(makeSubmit(h.fake.url, who, where, { ...buttonData(card, title), ...inputs }));
      expect(r.status).toBe(200);
      return { status: r.status, card: cardOf(sent(r.calls).at(-1)?.body), calls: r.calls };
    },
  };
}

/** Inputs for a complete idea submission. */
export function ideaInputs(title: string): Record<string, string> {
  return {
    title,
    summary: `${title}: a small, plain-language pilot that helps people stay independent at home.`,
    problem: 'People wait too long for the right support at home.',
    approach: 'Start with a small cohort and learn as we go.',
    beneficiaries: 'People who use homecare and their carers.',
    source: 'staff',
    outcomes: 'person_home_longer,person_independence',
  };
}

/** Submits an idea through the form card and returns its id (IP-n). */
export async function submitIdea(h: TeamsHarness, who: TeamsUser, title: string): Promise<string> {
  const s = steps(h);
  const form = await s.say(who, `submit ${title}`);
  const done = await s.press(who, form.card, 'Submit idea', ideaInputs(title));
  const id = /IP-\d+/.exec(JSON.stringify(done.card))?.[0];
  if (!id) throw new Error(`no idea id in ${JSON.stringify(done.card)}`);
  return id;
}
