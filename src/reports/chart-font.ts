import { createRequire } from 'node:module';

/**
 * The chart's typeface, bundled so that a machine without system fonts (a slim container) still draws every
 * label, and every machine draws the same pixels. Atkinson Hyperlegible (SIL Open Font License 1.1, Braille
 * Institute) is designed for readers with low vision; its npm package ships plain TTF files, which resvg
 * needs (it reads neither WOFF nor WOFF2).
 */
export const CHART_FONT_FAMILY = 'Atkinson Hyperlegible';

const PACKAGE = '@expo-google-fonts/atkinson-hyperlegible';

/** Absolute paths of the bundled regular and bold TTF files. */
export function chartFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  return [
    `${PACKAGE}/400Regular/AtkinsonHyperlegible_400Regular.ttf`,
    `${PACKAGE}/700Bold/AtkinsonHyperlegible_700Bold.ttf`,
  ].map((file) => require.resolve(file));
}
