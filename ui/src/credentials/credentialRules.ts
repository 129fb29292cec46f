// The Credentials screen's rules, apart from React: what a name may be, which entries the screen
// may change, and the sentences it shows.
import type { SecretInfo, SecretTest } from '../api/types';
import { looksLikeSecret } from '../graph/secrets';

const NAME = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/** Why the form cannot be saved, or null when it can. A key pasted as the name is refused, never echoed. */
export function entryProblem(name: string, value: string): string | null {
  const n = name.trim();
  if (!NAME.test(n) || looksLikeSecret(n)) return 'A name is 1-64 of a-z, 0-9, "_", "." or "-" (e.g. anthropic); the key goes in the second field.';
  if (!value.trim()) return 'Paste the key to store.';
  return null;
}

/** Keys from environment variables are read-only here: only stored ones can be replaced or removed. */
export function isStored(s: SecretInfo): boolean {
  return !s.source?.startsWith('env:');
}

export function savedNote(name: string, saved: SecretInfo): string {
  return `Stored “${name}” in ${saved.source ?? 'the server’s store'}.${saved.restart ? ` ${saved.restart}` : ''}`;
}

/** A test's result in one line: the outcome, and the provider's reason unless it is ok. */
export function testLabel(t: SecretTest | string): string {
  return typeof t === 'string' ? t : `${t.outcome}${t.outcome === 'ok' ? '' : `: ${t.message}`}`;
}
