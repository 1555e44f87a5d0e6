/**
 * The neutral reply model: what the command layer answers, and what each platform adapter renders
 * once (Block Kit in Slack, Adaptive Cards in Teams). Nothing here knows a platform.
 */

/**
 * The buttons the core answers, by action id. The command layer's button table has one entry for each
 * (`bot/core/button-actions.ts` is checked against this list), so a view cannot name a button nobody handles.
 */
export const ACTION_IDS = [
  'idea.show',
  'idea.withdraw',
  'idea.advance',
  'idea.resume',
  'vote.mine',
  'vote.cast',
  'form.open',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

/** A button; clicking it comes back to the command layer as an Action with the same id and value. */
export interface ReplyButton {
  label: string;
  /** One of the core's buttons (ACTION_IDS), e.g. `idea.advance`, `vote.cast`, `form.open`. */
  actionId: ActionId;
  /** Opaque string carried back with the click (JSON for structured values). */
  value: string;
  style?: 'primary' | 'danger';
}

/** One piece of a reply. */
export type ReplyBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string }
  | { kind: 'fields'; fields: { label: string; value: string }[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'buttons'; buttons: ReplyButton[] }
  | { kind: 'context'; text: string }
  /**
   * Markdown a council's template wrote (the business case summary): bold, lists and paragraphs, its
   * values already escaped by the template. Adapters show it as Markdown, or turn it into their own syntax.
   */
  | { kind: 'markdown'; text: string }
  | { kind: 'divider' };

/** A typed input of a form. */
export interface FormField {
  id: string;
  label: string;
  /** `date`: a day picked from a calendar, sent back as `YYYY-MM-DD`. */
  kind: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'multiselect' | 'checkboxes' | 'toggle';
  required: boolean;
  hint?: string;
  placeholder?: string;
  initial?: string | string[];
  maxLength?: number;
  options?: { value: string; label: string }[];
}

/** A form to open (a Slack modal, a Teams card). Its submission comes back as a `form` action. */
export interface Form {
  /** Which form this is, e.g. `submit`, `evidence`, `outline`. */
  formId: string;
  title: string;
  submitLabel: string;
  /** Text shown above the fields. */
  intro?: string;
  fields: FormField[];
  /** Carried back on submit (e.g. the idea id). */
  context: Record<string, string>;
}

/** A file to deliver with a reply (a business case, a CSV, a chart). */
export interface ReplyFile {
  filename: string;
  mimeType: string;
  title: string;
  content: Uint8Array;
}

/** A complete answer to one command or action. */
export interface Reply {
  /** `private`: only the caller sees it (ephemeral in Slack); `public`: posted where the team can see it. */
  visibility: 'private' | 'public';
  /** Plain-text summary, used for notifications and as the fallback text. */
  text: string;
  blocks: ReplyBlock[];
  /** A form the adapter should open for the caller instead of (or as well as) posting the blocks. */
  form?: Form;
  files?: ReplyFile[];
  /** A PilotError code when the reply reports a user error. */
  errorCode?: string;
  /** Per-field errors for a form submission (field id → message); adapters show them inline. */
  fieldErrors?: Record<string, string>;
  /**
   * The error is about what was typed, so the person can put it right on the form itself (it stays
   * open, with the message); other errors (no permission, a closed vote) close the form.
   */
  fixable?: boolean;
  /**
   * For a private reply holding what must not stay in chat history (a person's anonymous vote): the
   * text to send instead when the adapter can only deliver it as a lasting message (a Slack DM).
   */
  lastingText?: string;
  /** A form submission with a fixable error: the form to show again (the adapter fills in what was typed). */
  reopen?: Form;
  /**
   * After a vote button: the round whose message the clicker should now see (a card refreshes to it,
   * with this reply's text on top), so an adapter never has to make up a command to find it.
   */
  refreshTo?: { roundId: string };
}

/** What a person did: a typed command, a button click, or a form submission. */
export type Action =
  | { kind: 'text'; text: string }
  | { kind: 'button'; actionId: string; value: string }
  | { kind: 'form'; formId: string; values: Record<string, unknown>; context: Record<string, string> };

/** Who is acting and where: identity comes only from the verified platform payload. */
export interface Caller {
  /** Platform-qualified id, e.g. `slack:U123`, `teams:<aad object id>`. */
  personId: string;
  displayName?: string;
  /** The front end's name (`slack`, `teams`, or a third one's): the core never lists them. */
  platform: string;
  /** Platform-qualified channel id where the command was run, e.g. `slack:C123`. */
  channelId?: string;
}

/** A button that opens a form (`form` is its id; the rest is carried back as the form's context). */
export function formButton(
  label: string,
  value: { form: string } & Record<string, string>,
  style?: ReplyButton['style'],
): ReplyButton {
  return { label, actionId: 'form.open', value: JSON.stringify(value), ...(style ? { style } : {}) };
}

/** A list of lines, or a sentence saying there are none. */
export function listOr(items: readonly string[], none: string): ReplyBlock {
  return items.length === 0 ? { kind: 'context', text: none } : { kind: 'list', items: [...items] };
}

/** Builds a reply from blocks, with its text summary. */
export function reply(visibility: Reply['visibility'], text: string, blocks: ReplyBlock[] = []): Reply {
  return { visibility, text, blocks: blocks.length > 0 ? blocks : [{ kind: 'text', text }] };
}
