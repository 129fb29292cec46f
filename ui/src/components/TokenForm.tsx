// Asks for the server's access token (CATALYST_TOKEN) when the API answers 401.
import { useState } from 'react';
import { Api } from '../api/client';

export function TokenForm() {
  const [token, setToken] = useState('');
  return (
    <form className="banner token-form" onSubmit={(e) => { e.preventDefault(); if (token.trim()) { Api.setToken(token.trim()); location.reload(); } }}>
      <label htmlFor="api-token">This server needs an access token (CATALYST_TOKEN):</label>
      <input id="api-token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
      <button type="submit">Use token</button>
    </form>
  );
}
