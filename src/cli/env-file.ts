import { readFileSync } from 'node:fs';
import { SkyqlError } from '../base/errors/skyql-error.js';

/**
 * `--env.file`: KEY=VALUE lines (`export` allowed, `#` comments, values optionally quoted; double
 * quotes understand \n) set in process.env so auth settings (SKYQL_AUTH, credentialsenvvar,
 * credentialsfilepathenvvar) can come from a file that is re-read on reload. Values are never printed.
 */
export function parseEnvFile(text: string, path: string): Map<string, string> {
  const out = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(trimmed);
    if (!m)
      throw new SkyqlError('BAD_FLAG', `--env.file ${path}: line ${i + 1} is not KEY=VALUE`, {
        hint: 'write one KEY=VALUE per line; # starts a comment',
      });
    out.set(m[1], unquote(m[2]));
  });
  return out;
}

function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"'))
    return raw.slice(1, -1).replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1);
  return raw.replace(/\s+#.*$/, '');
}

/** Loads an env file into process.env, replacing what its previous load set (keys since removed are unset). */
export class EnvFile {
  private loaded = new Set<string>();

  constructor(private readonly path: string) {}

  /** True when the last load set `key`. */
  sets(key: string): boolean {
    return this.loaded.has(key);
  }

  load(): void {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (err) {
      throw new SkyqlError(
        'FILE_NOT_READABLE',
        `cannot read --env.file ${this.path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
        {
          hint: 'check the path and its permissions',
        },
      );
    }
    const values = parseEnvFile(text, this.path);
    for (const key of this.loaded) if (!values.has(key)) delete process.env[key];
    for (const [k, v] of values) process.env[k] = v;
    this.loaded = new Set(values.keys());
  }
}
