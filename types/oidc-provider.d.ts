/**
 * Minimal type declarations for oidc-provider 8.x (the package ships no types). Only what
 * lib/idp/provider.ts uses is declared; everything else stays loosely typed on purpose.
 */
declare module "oidc-provider" {
  import type { EventEmitter } from "node:events";
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type ClaimsValue = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];

  export interface AccountClaims {
    sub: string;
    [claim: string]: ClaimsValue;
  }

  export interface Account {
    accountId: string;
    claims(use: "id_token" | "userinfo", scope: string, claims: Record<string, unknown>, rejected: string[]): AccountClaims | Promise<AccountClaims>;
  }

  export interface Session {
    readonly uid: string;
    readonly jti: string;
    accountId?: string;
    grantIdFor(clientId: string, value?: string): string | undefined;
    destroy(): Promise<void>;
  }

  export interface Grant {
    readonly jti: string;
    accountId?: string;
    clientId?: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    getOIDCScope(): string;
    save(ttl?: number): Promise<string>;
  }

  export interface GrantConstructor {
    new (properties: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  }

  export interface Client {
    readonly clientId: string;
    readonly clientName?: string;
  }

  export interface PromptDetail {
    name: "login" | "consent" | string;
    reasons: string[];
    details: Record<string, unknown>;
  }

  export interface Interaction {
    readonly uid: string;
    readonly jti: string;
    exp: number;
    returnTo: string;
    prompt: PromptDetail;
    params: Record<string, unknown> & { client_id?: string; login_hint?: string; scope?: string };
    session?: { accountId: string; uid?: string; cookie?: string };
    grantId?: string;
    lastSubmission?: InteractionResults;
    save(ttl: number): Promise<string>;
  }

  export interface InteractionResults {
    login?: { accountId: string; remember?: boolean; ts?: number; amr?: string[]; acr?: string };
    consent?: { grantId?: string };
    error?: string;
    error_description?: string;
    [key: string]: unknown;
  }

  export interface KoaContextWithOIDC {
    oidc: {
      provider: Provider;
      client?: Client;
      session: Session;
      account?: Account;
      result?: InteractionResults;
      params?: Record<string, unknown>;
      requestParamOIDCScopes: Set<string>;
      requestParamClaims: Set<string>;
    };
    type: string;
    status: number;
    body: unknown;
    host: string;
  }

  export interface ErrorOut {
    error: string;
    error_description?: string;
    state?: string;
    scope?: string;
    [key: string]: unknown;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    client_name?: string;
    redirect_uris?: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: string;
    [key: string]: unknown;
  }

  export interface CookiesSetOptions {
    httpOnly?: boolean;
    sameSite?: "lax" | "strict" | "none";
    secure?: boolean;
    signed?: boolean;
    path?: string;
    domain?: string;
    overwrite?: boolean;
  }

  export type AdapterPayload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: number };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    adapter?: new (model: string) => Adapter;
    clients?: ClientMetadata[];
    claims?: Record<string, string[] | null>;
    conformIdTokenClaims?: boolean;
    cookies?: {
      names?: { session?: string; interaction?: string; resume?: string };
      long?: CookiesSetOptions;
      short?: CookiesSetOptions;
      keys?: Array<string | Buffer>;
    };
    features?: {
      devInteractions?: { enabled?: boolean };
      userinfo?: { enabled?: boolean };
      revocation?: { enabled?: boolean };
      rpInitiatedLogout?: {
        enabled?: boolean;
        logoutSource?: (ctx: KoaContextWithOIDC, form: string) => void | Promise<void>;
        postLogoutSuccessSource?: (ctx: KoaContextWithOIDC) => void | Promise<void>;
      };
      [feature: string]: unknown;
    };
    findAccount?: (ctx: KoaContextWithOIDC, sub: string, token?: unknown) => Account | undefined | Promise<Account | undefined>;
    interactions?: { url?: (ctx: KoaContextWithOIDC, interaction: Interaction) => string | Promise<string> };
    jwks?: { keys: Array<Record<string, unknown>> };
    loadExistingGrant?: (ctx: KoaContextWithOIDC) => Grant | undefined | Promise<Grant | undefined>;
    pkce?: { methods?: Array<"S256" | "plain">; required?: (ctx: KoaContextWithOIDC, client: Client) => boolean };
    renderError?: (ctx: KoaContextWithOIDC, out: ErrorOut, error: Error) => void | Promise<void>;
    responseTypes?: string[];
    clientAuthMethods?: string[];
    ttl?: Record<string, number | ((...args: unknown[]) => number)>;
    [key: string]: unknown;
  }

  export class Provider extends EventEmitter {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    proxy: boolean;
    readonly Grant: GrantConstructor;
    readonly Session: { findByUid(uid: string): Promise<Session | undefined> };
    readonly Client: { find(id: string): Promise<Client | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<Interaction>;
    interactionResult(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<string>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  }

  export const errors: Record<string, new (...args: unknown[]) => Error>;
  export default Provider;
}
