/** Removal of characters that XML 1.0 forbids and chat clients refuse (control characters, U+FFFE, U+FFFF). */

function isAllowed(code: number): boolean {
  if (code === 0x09 || code === 0x0a || code === 0x0d) return true;
  return code >= 0x20 && code !== 0x7f && code !== 0xfffe && code !== 0xffff;
}

/** The text without control characters (tab and line ends kept), with `\r\n` and `\r` turned into `\n`. */
export function cleanText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (isAllowed(text.charCodeAt(i))) out += text[i];
  }
  return out.replace(/\r\n?/g, '\n');
}
