/**
 * Turns the core's light markup into the Markdown subset Adaptive Cards show in Teams: `*bold*`
 * becomes **bold**, and `command` (shown as code in Slack) becomes a bold word, which reads better
 * to people who never type code. https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format
 */
export function toCardText(text: string): string {
  return (
    angles(text)
      .replace(/`([^`\n]{1,200})`/g, '**$1**')
      .replace(/(^|[\s(“"'])\*([^*\s](?:[^*\n]*[^*\s])?)\*(?=$|[\s).,;:!?”"'])/gm, '$1**$2**')
      // "1. Longlist" at the start of a line would become a numbered list; a no-break space keeps it text.
      .replace(/^(\s*\d+)\. /gm, '$1.\u00a0')
      .replace(/\n(?!\n)/g, '\n\n')
      .replace(/\n{3,}/g, '\n\n')
  );
}

/** Plain text for places Teams does not format (input labels, button titles, choice titles). */
export function toPlainText(text: string): string {
  return angles(text)
    .replace(/`([^`\n]*)`/g, '“$1”')
    .replace(/\*\*?([^*\n]+)\*\*?/g, '$1');
}

/** Teams drops anything that looks like an HTML tag, so `<ID>` in a usage line would vanish: show it as ‹ID›. */
function angles(text: string): string {
  return text.replace(/</g, '‹').replace(/>/g, '›');
}
