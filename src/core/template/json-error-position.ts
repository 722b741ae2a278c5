/**
 * Where JSON text goes wrong, found without quoting it: V8's JSON.parse messages carry the text's
 * first characters (a private key, /etc/passwd), so errors about data files report only a
 * line and column computed here.
 */

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPE = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/y;
const WORD = /true|false|null/y;

/** The offset of the first character that is not valid JSON (the length when it ends too soon); undefined for valid text. */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const fail = (): never => {
    throw new JsonStop(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const expect = (c: string) => {
    if (text[i] !== c) fail();
    i++;
  };
  const match = (re: RegExp): boolean => {
    re.lastIndex = i;
    if (!re.test(text)) return false;
    i = re.lastIndex;
    return true;
  };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (text[i] === '\\') {
        if (!match(ESCAPE)) fail();
      } else if (i < text.length && text.charCodeAt(i) >= 0x20) i++;
      else fail();
    }
    i++;
  };
  // containers open and close on an explicit stack, so deep nesting cannot exhaust the call stack
  const value = () => {
    const open: string[] = [];
    for (;;) {
      ws();
      const c = text[i];
      if (c === '{' || c === '[') {
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) i++;
        else {
          open.push(c);
          if (c === '{') key();
          continue;
        }
      } else if (c === '"') string();
      else if (!match(NUMBER) && !match(WORD)) fail();
      // after a value: a comma, or the close of its container (maybe several)
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return;
        ws();
        if (text[i] === ',') {
          i++;
          if (top === '{') key();
          break;
        }
        expect(top === '{' ? '}' : ']');
        open.pop();
      }
    }
  };
  const key = () => {
    ws();
    string();
    ws();
    expect(':');
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return undefined;
  } catch (err) {
    if (err instanceof JsonStop) return err.offset;
    throw err;
  }
}

class JsonStop {
  constructor(readonly offset: number) {}
}

/** `line L, column C` (from 1) of an offset. */
export function lineColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}
