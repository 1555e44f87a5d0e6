// Turns idea text into weighted terms for the similarity index. Word terms are lowercased, accent-free,
// stopword-free and lightly stemmed (a cut-down Porter step 1 plus a few derivational suffixes), so
// "Reabling" and "reablement", "needs" and "need", "caring" and "care" meet on one term.

/** How much a title word counts relative to a summary word: titles say what an idea is. */
export const TITLE_WEIGHT = 2;
/** How much a summary word counts. */
export const SUMMARY_WEIGHT = 1;
/**
 * How much each character trigram of the title counts. A title yields roughly one trigram per letter,
 * so they are kept light: enough to join "homecare" with "home care", not enough to outvote the words.
 */
export const TRIGRAM_WEIGHT = 0.5;

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each etc few for from further had has have having he her ' +
    'here hers him his how i if in into is it its itself just me more most must my no nor not now of off on once ' +
    'only or other our ours out over own per same shall she should so some such than that the their theirs them ' +
    'then there these they this those through to too under until up upon us very via was we were what when where ' +
    'which while who whom why will with would you your yours'
  ).split(' '),
);

// Letters or digits, optionally joined by hyphens ("re-ablement", "end-of-life"); linear, no backtracking.
const WORD_GROUP = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** Words of `text` as groups: a plain word is a group of one, a hyphenated compound a group of its parts. */
function wordGroups(text: string): string[][] {
  const normalised = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/['\u2019]/g, '');
  return Array.from(normalised.matchAll(WORD_GROUP), (match) => match[0].split('-'));
}

/** True for words that carry meaning: not stopwords, not single characters. */
function isContentWord(word: string): boolean {
  return word.length > 1 && !STOPWORDS.has(word);
}

/**
 * Content words of `text`, unstemmed. A hyphenated compound gives the parts run together ("reablement") and
 * its parts of three letters or more: "re" or "co" alone would only be noise.
 */
function wordTerms(text: string): string[] {
  const words: string[] = [];
  for (const group of wordGroups(text)) {
    if (group.length === 1) words.push(...group.filter(isContentWord));
    else words.push(group.join(''), ...group.filter((part) => part.length > 2 && isContentWord(part)));
  }
  return words;
}

// After an -ing or -ed is cut, put back what the cut broke: "reabl" -> "reable", "plann" -> "plan", "car" -> "care".
function repairStem(stem: string): string {
  if (/(at|bl|iz)$/.test(stem)) return `${stem}e`;
  if (/([^aeiouflsz])\1$/.test(stem)) return stem.slice(0, -1);
  if (/^[^aeiouy]*[aeiouy][^aeiouwxy]$/.test(stem)) return `${stem}e`;
  return stem;
}

/** A light English stemmer: plurals, -ing, -ed, -ation, -ment, -ness and a final silent e. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);

  for (const suffix of ['ing', 'ed']) {
    const rest = w.slice(0, -suffix.length);
    if (w.endsWith(suffix) && !w.endsWith('eed') && rest.length >= 2 && /[aeiouy]/.test(rest)) {
      w = repairStem(rest);
      break;
    }
  }

  if (w.endsWith('ational')) w = `${w.slice(0, -7)}ate`;
  else if (w.endsWith('ation') && w.length > 7) w = `${w.slice(0, -5)}ate`;
  else if (w.endsWith('ment') && w.length >= 8) w = w.slice(0, -4);
  else if (w.endsWith('ness') && w.length >= 7) w = w.slice(0, -4);

  // Porter's step 5, simplified: a final e goes only on longer words, so "care" and "home" keep theirs.
  if (w.endsWith('e') && w.length >= 6) w = w.slice(0, -1);
  return w;
}

/**
 * Weighted terms for one idea: stemmed title words (x2), stemmed summary words (x1), and character trigrams
 * of the title's content words run together (prefixed `#` so they never collide with a word term).
 */
export function termWeights(title: string, summary: string): Map<string, number> {
  const terms = new Map<string, number>();
  const add = (term: string, weight: number) => terms.set(term, (terms.get(term) ?? 0) + weight);
  for (const word of wordTerms(title)) add(stem(word), TITLE_WEIGHT);
  for (const word of wordTerms(summary)) add(stem(word), SUMMARY_WEIGHT);
  const letters = wordGroups(title).flat().filter(isContentWord).join('');
  for (let i = 0; i + 3 <= letters.length; i++) add(`#${letters.slice(i, i + 3)}`, TRIGRAM_WEIGHT);
  return terms;
}
