import fc from 'fast-check';

/** Strings that have broken chat bots before: markup, mentions, template and injection syntax, odd unicode, odd numbers. */
export const NASTY = [
  '',
  ' ',
  '\n\t\r',
  '<!channel>',
  '<!here|here>',
  '<@U123>',
  '<@UADMIN|admin>',
  '<#C123|general>',
  '<script>alert(1)</script>',
  '{{x}}',
  '{{{constructor.constructor "alert(1)"}}}',
  // (lint note) a literal template placeholder is the input under test
  '${process.exit(1)}',
  '%s%n%x',
  "'; DROP TABLE ideas; --",
  '../../etc/passwd',
  '\u0000',
  '\u202Etxt.exe',
  'مرحبا بالعالم',
  'שלום',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\uD800',
  '\u200B\u200D\uFEFF',
  'Z̷̡̛̪a̵l̶g̴o̸',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '0x1F',
  '£1,000,000',
  '٣',
  '-1',
  '0',
  '3.5',
  '{"a":1}',
  '[1,2]',
  '{"__proto__":{"polluted":true}}',
  'IP-0',
  'IP-1e3',
  'IP-99999999999',
  'ip-00002',
  'IP-',
  'R-0',
  'R-99',
  'slack:UADMIN',
  'teams:',
  'local:x',
] as const;

const REPEATED = ['x', '👍', '\u202E', '<!channel>', 'ﷺ', '\u0000', ' ', 'IP-1 ', '{{x}}', 'a,'] as const;

/** Very long strings (1 KB to 100 KB), some cut in the middle of a surrogate pair. */
export const hugeText = fc
  .tuple(fc.constantFrom(...REPEATED), fc.integer({ min: 1_000, max: 100_000 }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));

/** Any text a person (or a broken client) might send. */
export const junkText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...NASTY), { maxLength: 6 }).map((words) => words.join(' ')) },
  { weight: 1, arbitrary: hugeText },
);

/** Numbers written as strings, as chat platforms send them. */
export const numberText = fc.oneof(
  fc.integer().map(String),
  fc.double().map(String),
  fc.constantFrom('1e309', '-0', 'NaN', '£1,000', '0x1F', '1_000', '  12  ', '٣', '12abc', '5.5', '6', '-3'),
);

/** Object keys that probe prototype pollution, plus random ones. */
export const junkKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', ''),
  fc.string({ maxLength: 12 }),
);

/** Objects whose keys try to reach a prototype, as JSON.parse would build them. */
const pollution = fc.constantFrom(
  () => JSON.parse('{"__proto__":{"polluted":true}}') as unknown,
  () => JSON.parse('{"constructor":{"prototype":{"polluted":true}}}') as unknown,
  () => JSON.parse('{"toString":"x","valueOf":1}') as unknown,
);

/** Any JSON-like value in a wrong place: strings, numbers, booleans, null, missing, arrays and objects. */
export const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: junkText },
  { weight: 2, arbitrary: numberText },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
  },
  { weight: 1, arbitrary: fc.array(junkText, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.dictionary(junkKey, junkText, { maxKeys: 3, noNullPrototype: true }) },
  { weight: 1, arbitrary: pollution.map((make) => make()) },
);

/** Either one of the plausible values or junk (junk more often). */
export function plausibleOrJunk(plausible: readonly unknown[]): fc.Arbitrary<unknown> {
  if (plausible.length === 0) return junkValue;
  return fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...plausible) }, { weight: 3, arbitrary: junkValue });
}

/** Words for a command line: plausible words for that command mixed with junk, joined by odd whitespace. */
export function commandLine(name: string, plausibleWords: readonly string[]): fc.Arbitrary<string> {
  const word = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...plausibleWords, 'IP-1') },
    { weight: 4, arbitrary: junkText },
  );
  return fc
    .tuple(
      fc.constantFrom('', '/pilot ', 'pilot ', '  ', 'PILOT '),
      fc.constantFrom(name, name.toUpperCase(), ` ${name}`),
      fc.array(fc.tuple(fc.constantFrom(' ', '  ', '\t', '\n', '\u00A0', '\u3000'), word), { maxLength: 5 }),
    )
    .map(([prefix, command, words]) => `${prefix}${command}${words.map(([gap, w]) => `${gap}${w}`).join('')}`);
}
