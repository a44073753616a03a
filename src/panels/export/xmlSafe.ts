/**
 * Text that XML 1.0 accepts: the C0 control characters it forbids (all but tab, newline and
 * carriage return) become their visible Control Pictures (U+0000 → ␀), and U+FFFE, U+FFFF and
 * unpaired surrogates become U+FFFD. Any training text or sentence (a link can carry U+0000) then
 * gives a valid SVG file, and so a PNG.
 */
// eslint-disable-next-line no-control-regex
const C0 = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
const NON_CHARACTERS = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(s: string): string {
  return s.replace(C0, (c) => String.fromCharCode(0x2400 + c.charCodeAt(0))).replace(NON_CHARACTERS, '\uFFFD');
}
