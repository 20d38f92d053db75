// What every route of the portal shares: the Temporal client, the document store, the staff accounts, the
// link-signing secret and the portal's own settings. Built once by the server (portal/server.ts) and passed
// to each group of routes; nothing here is per request.
import type { Client } from '@temporalio/client';
import type { DocumentStore } from '../access/documents';
import type { UserStore } from '../access/users';
import type { Campaign } from '../core/definition/types';

export interface PortalSettings {
  /** Public base URL of the portal, no trailing slash (DONDOC_PORTAL_URL), e.g. http://localhost:8080. */
  publicUrl: string;
  /** Largest upload accepted, in bytes (DONDOC_PORTAL_MAX_UPLOAD_MB, default 20 MiB). */
  maxUploadBytes: number;
  /** Unit links minted by the portal itself (a resent link) live this long (DONDOC_PORTAL_LINK_TTL_DAYS). */
  linkTtlSeconds: number;
  /** Cookies marked Secure (the portal behind HTTPS): DONDOC_PORTAL_SECURE_COOKIES=1, or a https public URL. */
  secureCookies: boolean;
}

export interface PortalContext {
  client: Client;
  documents: DocumentStore;
  users: UserStore;
  /** The link-signing secret (also the session key's source). Never logged, never rendered. */
  secret: Uint8Array;
  settings: PortalSettings;
  /**
   * A campaign's definition (the campaign workflow's input), cached per process: a definition never changes
   * while its campaign runs. Fails with a CliError (exit 1) for an unknown campaign.
   */
  definition: (campaignId: string) => Promise<Campaign>;
  /** The clock, for tests. */
  now: () => Date;
}
