// The Credentials screen: the names the server knows, where each is kept and when it was set; add
// or replace a key, remove one, test one. Values go to the server and are never shown or kept here.
import { useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import type { SecretInfo, SecretTest } from '../api/types';
import { useServices } from '../hooks/services';
import { canvasStore, useStore } from '../store/useStore';
import { credentialsUi, useCredentialsUi } from './credentialsUi';
import { entryProblem, isStored, savedNote, testLabel } from './credentialRules';
import './credentials.css';

export function CredentialsButton() {
  return <button type="button" className="credentials-button" onClick={() => credentialsUi.getState().show()}>Credentials</button>;
}

export function CredentialsScreen() {
  const open = useCredentialsUi((s) => s.open);
  return open ? <CredentialsDialog /> : null;
}

function CredentialsDialog() {
  const { api } = useServices();
  const secrets = useStore((s) => s.secrets);
  const preset = useCredentialsUi((s) => s.name);
  const [name, setName] = useState(preset);
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, SecretTest | string>>({});

  const refresh = async () => canvasStore.getState().setSecrets((await api.secrets()) ?? null);
  useEffect(() => { refresh().catch(() => undefined); }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const save = async () => {
    const n = name.trim();
    const wrong = entryProblem(n, value);
    if (wrong) { setProblem(wrong); return; }
    try {
      const saved = await api.putSecret(n, value.trim());
      setValue('');
      setProblem(null);
      setNote(savedNote(n, saved));
      await refresh();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : String(e));
    }
  };
  const remove = async (s: SecretInfo) => {
    try {
      await api.deleteSecret(s.name);
      setNote(`Removed “${s.name}”.`);
      await refresh();
    } catch (e) { setProblem(e instanceof ApiError ? e.message : String(e)); }
  };
  const test = async (s: SecretInfo) => {
    setTests((t) => ({ ...t, [s.name]: 'testing…' }));
    try {
      const r = await api.testSecret(s.name);
      setTests((t) => ({ ...t, [s.name]: r }));
    } catch (e) { setTests((t) => ({ ...t, [s.name]: e instanceof ApiError ? e.message : String(e) })); }
  };

  return (
    <div className="credentials-backdrop">
      <section className="credentials" role="dialog" aria-modal="true" aria-labelledby="credentials-title">
        <header>
          <h2 id="credentials-title">Credentials</h2>
          <button type="button" aria-label="Close" onClick={() => credentialsUi.getState().hide()}>×</button>
        </header>
        <p className="field-note">Workflows name a credential; its key stays on the server (keychain or encrypted file) and is never shown again.</p>
        {secrets === null && <p className="field-note">This server does not offer stored credentials.</p>}
        {secrets && secrets.length === 0 && <p className="field-note">No credentials yet.</p>}
        {secrets && secrets.length > 0 && (
          <table className="credentials-list">
            <thead><tr><th>Name</th><th>Kept in</th><th>Set</th><th /></tr></thead>
            <tbody>
              {secrets.map((s) => {
                const t = tests[s.name];
                return (
                  <tr key={s.name} data-secret={s.name}>
                    <td>{s.name}</td>
                    <td>{s.source ?? ''}</td>
                    <td>{s.updatedAt ? new Date(s.updatedAt).toLocaleString() : '—'}</td>
                    <td>
                      <button type="button" onClick={() => test(s)}>Test</button>
                      {isStored(s) && <button type="button" onClick={() => { setName(s.name); setValue(''); }}>Replace</button>}
                      {isStored(s) && <button type="button" onClick={() => remove(s)}>Remove</button>}
                      {t && <span className={`secret-test ${typeof t === 'string' ? '' : t.outcome}`} role="status">
                        {testLabel(t)}
                      </span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <form className="credentials-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label htmlFor="credential-name">Name</label>
          <input id="credential-name" value={name} autoComplete="off" spellCheck={false} onChange={(e) => setName(e.target.value)} placeholder="anthropic" />
          <label htmlFor="credential-value">Key</label>
          <input id="credential-value" type="password" value={value} autoComplete="off" onChange={(e) => setValue(e.target.value)} />
          <button type="submit">Save key</button>
        </form>
        {problem && <p className="field-error" role="alert">{problem}</p>}
        {note && <p className="field-note" role="status">{note}</p>}
      </section>
    </div>
  );
}
