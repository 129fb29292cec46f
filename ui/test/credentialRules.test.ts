import { describe, expect, it } from 'vitest';
import { entryProblem, isStored, savedNote, testLabel } from '../src/credentials/credentialRules';
import { credentialsUi } from '../src/credentials/credentialsUi';

describe('the Credentials screen rules', () => {
  it('takes a lowercase name and a key, and refuses a key pasted as the name without repeating it', () => {
    expect(entryProblem('anthropic', 'sk-ant-api03-x')).toBeNull();
    expect(entryProblem('  team-openai.prod ', 'v')).toBeNull();
    expect(entryProblem('Anthropic', 'v')).toMatch(/1-64 of a-z/);
    expect(entryProblem('', 'v')).toMatch(/1-64 of a-z/);
    expect(entryProblem('a'.repeat(65), 'v')).toMatch(/1-64 of a-z/);
    const pasted = 'sk-ant-api03-abcdefghijklmnop';
    const problem = entryProblem(pasted, '');
    expect(problem).toMatch(/the key goes in the second field/);
    expect(problem).not.toContain(pasted);
    expect(entryProblem('anthropic', '   ')).toBe('Paste the key to store.');
  });

  it('lets only stored keys be replaced or removed', () => {
    expect(isStored({ name: 'anthropic', source: 'keychain' })).toBe(true);
    expect(isStored({ name: 'groq', source: 'file:/home/me/.catalyst/secrets.enc' })).toBe(true);
    expect(isStored({ name: 'openai', source: 'env:OPENAI_API_KEY' })).toBe(false);
  });

  it('says where a key went, and that it waits for a restart when the server says so', () => {
    expect(savedNote('anthropic', { name: 'anthropic', source: 'keychain' })).toBe('Stored “anthropic” in keychain.');
    expect(savedNote('x', { name: 'x' })).toBe('Stored “x” in the server’s store.');
    expect(savedNote('anthropic', { name: 'anthropic', source: 'keychain', restart: 'Restart to use it.' }))
      .toBe('Stored “anthropic” in keychain. Restart to use it.');
  });

  it('shows a test as its outcome, with the reason unless it is ok', () => {
    const base = { name: 'anthropic', provider: 'anthropic', model: 'm', message: 'invalid x-api-key' };
    expect(testLabel({ ...base, outcome: 'ok' })).toBe('ok');
    expect(testLabel({ ...base, outcome: 'auth' })).toBe('auth: invalid x-api-key');
    expect(testLabel('testing…')).toBe('testing…');
  });

  it('opens for a name and forgets it when closed', () => {
    credentialsUi.getState().show('voyage');
    expect(credentialsUi.getState()).toMatchObject({ open: true, name: 'voyage' });
    credentialsUi.getState().hide();
    expect(credentialsUi.getState()).toMatchObject({ open: false, name: '' });
    credentialsUi.getState().show();
    expect(credentialsUi.getState().name).toBe('');
    credentialsUi.getState().hide();
  });
});
