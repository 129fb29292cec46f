// Credentials are names of stored secrets; the picker never shows or takes a key.
import { useState } from 'react';
import type { SecretInfo } from '../api/types';
import { looksLikeSecret } from '../graph/secrets';
import { credentialsUi } from '../credentials/credentialsUi';

interface Props {
  id: string;
  value: string | undefined;
  onChange: (v: string | undefined) => void;
  secrets: SecretInfo[] | null;
  suggested: string[];
  describedBy?: string;
}

export function CredentialPicker({ id, value, onChange, secrets, suggested, describedBy }: Props) {
  const [refused, setRefused] = useState<string | null>(null);
  const names = [...new Set([...(secrets ?? []).map((s) => s.name), ...suggested])];
  const known = secrets?.some((s) => s.name === value);
  const listId = `${id}-names`;
  return (
    <div className="credential-picker">
      <input id={id} list={listId} value={value ?? ''} autoComplete="off" spellCheck={false} aria-describedby={describedBy}
        onChange={(e) => {
          const v = e.target.value;
          if (looksLikeSecret(v)) { setRefused('That looks like an API key. Enter a credential name instead (e.g. anthropic) and store its key with “+ Add key”.'); return; }
          setRefused(null);
          onChange(v || undefined);
        }} />
      <datalist id={listId}>{names.map((n) => <option key={n} value={n} />)}</datalist>
      {refused && <p className="field-error" role="alert">{refused}</p>}
      {!refused && secrets && value && !known && <p className="field-note">No secret named “{value}” is stored yet.</p>}
      {secrets && <button type="button" className="add-key" onClick={() => credentialsUi.getState().show(value ?? suggested[0] ?? '')}>+ Add key</button>}
      {!refused && secrets === null && <p className="field-note">Secret names are not available from this server.</p>}
    </div>
  );
}
