/**
 * The credentials the reader has picked or obtained in any console, per server, shared across
 * pages and tabs. Secrets stay in the reader's browser (localStorage of the docs site); they are
 * sandbox credentials, worthless anywhere else.
 */
import { persistedValue } from './persisted-value';

export type CredentialKind =
  /** `Authorization: Bearer` with a personal access token, API key or OAuth access token. */
  | 'bearer'
  /** `Authorization: Basic` with an OAuth client's id and secret. */
  | 'client'
  /** A public OAuth client: no secret, its `client_id` goes in the form body. */
  | 'public-client'
  /** `Authorization: Basic` with a user's email and password. */
  | 'password';

export interface Credential {
  id: string;
  kind: CredentialKind;
  /** What the reader sees, e.g. "Ada's CLI token (PAT)". */
  label: string;
  /** The base URL it was obtained from: a credential works only there. */
  server: string;
  /** Token, key or client secret; the password for `password`; empty for a public client. */
  secret: string;
  /** Client id or user email, for the Basic kinds and public clients. */
  username?: string;
  /** Scopes it carries (bearer) or may ask for (clients); null when not known. */
  scopes: string[] | null;
  refreshToken?: string;
  /** The client a refresh token belongs to. */
  clientId?: string;
  /** Epoch milliseconds, when known. */
  expiresAt?: number;
}

export interface Wallet {
  credentials: Credential[];
  /** The credential in use, per server. */
  selected: Record<string, string>;
}

const isWallet = (value: unknown): value is Wallet =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as Wallet).credentials) &&
  typeof (value as Wallet).selected === 'object' &&
  (value as Wallet).selected !== null;

export const wallet = persistedValue<Wallet>('datastack.console.credentials.v1', { credentials: [], selected: {} }, isWallet);

/** Adds (or replaces, by id) a credential and selects it for its server. */
export function keepCredential(credential: Credential): void {
  wallet.set((current) => ({
    credentials: [...current.credentials.filter((held) => held.id !== credential.id), credential],
    selected: { ...current.selected, [credential.server]: credential.id },
  }));
}

export function selectCredential(server: string, id: string | undefined): void {
  wallet.set((current) => {
    const selected = { ...current.selected };
    if (id === undefined) delete selected[server];
    else selected[server] = id;
    return { ...current, selected };
  });
}

export function forgetCredential(id: string): void {
  wallet.set((current) => ({
    credentials: current.credentials.filter((held) => held.id !== id),
    selected: Object.fromEntries(Object.entries(current.selected).filter(([, selectedId]) => selectedId !== id)),
  }));
}

/** After a sandbox reset, only the seeded credentials still work: forget the others there. */
export function forgetObtained(server: string, seededSecrets: ReadonlySet<string>): void {
  wallet.set((current) => {
    const credentials = current.credentials.filter((held) => held.server !== server || seededSecrets.has(held.secret) || held.kind === 'public-client');
    const kept = new Set(credentials.map((held) => held.id));
    return { credentials, selected: Object.fromEntries(Object.entries(current.selected).filter(([, id]) => kept.has(id))) };
  });
}

const basic = (username: string, secret: string): string => `Basic ${btoa(`${username}:${secret}`)}`;

/** OAuth form-encodes a client's id and secret before joining them for Basic (RFC 6749 §2.3.1). */
const formEncoded = (value: string): string => new URLSearchParams({ v: value }).toString().slice('v='.length);

/** The Authorization header a credential sends, if any. */
export function authorizationHeader(credential: Credential): string | undefined {
  switch (credential.kind) {
    case 'bearer':
      return `Bearer ${credential.secret}`;
    case 'client':
      return basic(formEncoded(credential.username ?? ''), formEncoded(credential.secret));
    case 'password':
      return basic(credential.username ?? '', credential.secret);
    case 'public-client':
      return undefined;
  }
}

/** Strings a snippet or the UI must not show unmasked. */
export function secretsOf(credential: Credential | undefined): string[] {
  if (!credential) return [];
  return [credential.secret, credential.refreshToken ?? ''].filter((secret) => secret.length > 0);
}
