/**
 * Flesch reading ease of English text (SPEC 3.1 asks for 60 or more in what experts by experience
 * receive): 206.835 − 1.015 × words per sentence − 84.6 × syllables per word. Syllables are counted by
 * vowel groups, less a silent final "e", at least one a word: the usual estimate, within a few points.
 */
export function readingEase(text: string): number {
  const words = text.match(/[A-Za-z][A-Za-z’'-]*/g) ?? [];
  const sentences = Math.max(1, (text.match(/[.!?:]+(\s|$)/g) ?? []).length);
  const syllables = words.reduce((sum, word) => sum + syllablesOf(word), 0);
  return 206.835 - 1.015 * (words.length / sentences) - 84.6 * (syllables / Math.max(1, words.length));
}

function syllablesOf(word: string): number {
  const w = word.toLowerCase().replace(/[’'-]/g, '');
  if (w.length <= 3) return 1;
  const groups = w
    .replace(/(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$/, '')
    .replace(/^y/, '')
    .match(/[aeiouy]{1,2}/g);
  return Math.max(1, groups?.length ?? 1);
}
