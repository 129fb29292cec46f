// A workflow names credentials; it never holds a key. These checks keep a pasted key out of the
// config and out of every export.

const KEY_PREFIXES = /^(sk-|sk_|gsk_|pa-|xai-|AIza|Bearer\s)/;
const SECRET_KEYS = /^(apiKey|api_key|key|secret|token|password|authorization|accessToken)$/i;

/** True when a string looks like an API key rather than the name of a stored secret. */
export function looksLikeSecret(value: string): boolean {
  if (KEY_PREFIXES.test(value)) return true;
  // Long random-looking strings (mixed case and digits, no separators typical of names).
  return value.length >= 32 && /[A-Z]/.test(value) && /[a-z]/.test(value) && /\d/.test(value);
}

/** A copy of `value` without secret-looking values under credential or key-like names; lists removed paths. */
export function stripSecrets<T>(value: T): { value: T; removed: string[] } {
  const removed: string[] = [];
  const walk = (v: unknown, path: string): unknown => {
    if (Array.isArray(v)) return v.map((item, i) => walk(item, `${path}[${i}]`));
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      const p = path ? `${path}.${k}` : k;
      if (SECRET_KEYS.test(k) && k !== 'credential') { removed.push(p); continue; }
      if (k === 'credential' && typeof child === 'string' && looksLikeSecret(child)) { removed.push(p); continue; }
      out[k] = walk(child, p);
    }
    return out;
  };
  return { value: walk(value, '') as T, removed };
}
