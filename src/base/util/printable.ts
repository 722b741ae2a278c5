/**
 * Text safe to show on a terminal or in a client's message: control characters (C0 but tab, DEL and
 * C1, which can move the cursor, retitle the window or clear the screen) become `\xNN` / `\u00NN`
 * escapes. For text that mixes in values skyql did not write (API responses, the user's terms).
 */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : c;
  });
}
