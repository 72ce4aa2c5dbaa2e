import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { StudioError } from '../model/index.js';

/** What a grant lets the core do with the path the user picked. */
export type GrantUse = 'import-file' | 'export-folder';

const LIFETIME_MS = 30 * 60 * 1000;
const MAX_GRANTS = 100;

interface Grant {
  path: string;
  use: GrantUse;
  expires: number;
}

/**
 * Paths the user picked in a shell (the desktop's native dialogs, the files named on the CLI),
 * handed to the core as one-time tokens. No contract method takes a path the caller chose: a
 * window or an HTTP client can only pass a token a shell issued, for the use it was issued for.
 * A token ends when used (`take`) or after 30 minutes; an import's dry run only looks (`peek`).
 */
export class FileGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Grants `file` (made absolute) for `use`; returns the token to hand to the window or to a call. */
  grant(file: string, use: GrantUse): string {
    this.prune();
    const token = `g_${randomBytes(18).toString('base64url')}`;
    this.grants.set(token, { path: path.resolve(file), use, expires: this.now() + LIFETIME_MS });
    return token;
  }

  /** The path of a live token for `use`, the token kept (a dry run looks at the file it names). */
  peek(token: string, use: GrantUse, field = 'grant'): string {
    const g = this.grants.get(token);
    if (!g || g.expires < this.now() || g.use !== use) {
      throw new StudioError('forbidden', `${field}: not a live ${use === 'import-file' ? 'file' : 'folder'} grant (pick the ${use === 'import-file' ? 'file' : 'folder'} again)`, field);
    }
    return g.path;
  }

  /** The path of a live token for `use`; the token ends. */
  take(token: string, use: GrantUse, field = 'grant'): string {
    const p = this.peek(token, use, field);
    this.grants.delete(token);
    return p;
  }

  /** Ends a token (after the import it was for saved). */
  end(token: string): void {
    this.grants.delete(token);
  }

  private prune(): void {
    const now = this.now();
    for (const [k, g] of this.grants) if (g.expires < now) this.grants.delete(k);
    while (this.grants.size >= MAX_GRANTS) this.grants.delete(this.grants.keys().next().value!);
  }
}
