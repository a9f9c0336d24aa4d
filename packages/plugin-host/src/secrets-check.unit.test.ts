import { describe, expect, it } from 'vitest';
import { missingSecrets, secretsProblems } from './secrets-check.js';

const hubspotLike = {
  name: 'HubSpot CRM',
  secrets: [
    { key: 'accessToken', label: 'Private app access token', required: true },
    { key: 'appSecret', label: 'App secret', required: false },
  ],
};

describe('secretsProblems', () => {
  it('accepts the required secret alone, and the optional one beside it', () => {
    expect(secretsProblems(hubspotLike, { accessToken: 'pat-1' })).toEqual([]);
    expect(secretsProblems(hubspotLike, { accessToken: 'pat-1', appSecret: 's' })).toEqual([]);
  });

  it('names a misspelt key with the keys the plugin takes, a value that is not text, and a required one left out', () => {
    expect(secretsProblems(hubspotLike, { acessToken: 'pat-1', appSecret: 42 })).toEqual([
      '"acessToken" is not a secret of HubSpot CRM; it takes "accessToken", "appSecret"',
      'secret "appSecret" must be text',
      'HubSpot CRM needs its secret "Private app access token"',
    ]);
  });

  it('refuses any secret for a plugin that declares none', () => {
    expect(secretsProblems({ name: 'File import', secrets: [] }, { token: 'x' })).toEqual(['"token" is not a secret of File import; it takes none']);
  });
});

describe('missingSecrets', () => {
  it('counts an empty value as missing', () => {
    expect(missingSecrets(hubspotLike, { accessToken: '' })).toEqual(['Private app access token']);
  });
});
