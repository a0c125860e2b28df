// The "environment tenant": ISC_BASE_URL, ISC_CLIENT_ID, ISC_CLIENT_SECRET in the environment VS Code started from,
// with an optional display name in ISC_TENANT_NAME.
import { normalizeBaseUrl } from '../api/baseUrl';

export const ENV_TENANT_ID = 'env';

export interface EnvironmentTenant {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** ISC_READ_ONLY when set to a boolean-like value. */
  readOnly: boolean | undefined;
  /** ISC_TENANT_NAME: what the tree and status bar call the tenant (else its host and "(environment)"). */
  name?: string;
}

/** A display name is one line of text; a longer one would only be cut by every place that shows it. */
const MAX_NAME_LENGTH = 80;

function tenantName(value: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed here.
  const name = value?.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim();
  return name ? name.slice(0, MAX_NAME_LENGTH) : undefined;
}

export function parseBooleanFlag(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return undefined;
}

/** Reads the environment tenant; `problem` explains why it is unusable (e.g. a plain-http non-loopback URL). */
export function readEnvironmentTenant(env: NodeJS.ProcessEnv): { tenant?: EnvironmentTenant; problem?: string } {
  const rawUrl = env.ISC_BASE_URL?.trim();
  const clientId = env.ISC_CLIENT_ID?.trim();
  const clientSecret = env.ISC_CLIENT_SECRET;
  if (!rawUrl || !clientId || !clientSecret) return {};
  try {
    const tenant: EnvironmentTenant = { baseUrl: normalizeBaseUrl(rawUrl), clientId, clientSecret, readOnly: parseBooleanFlag(env.ISC_READ_ONLY) };
    const name = tenantName(env.ISC_TENANT_NAME);
    if (name) tenant.name = name;
    return { tenant };
  } catch (error) {
    return { problem: `ISC_BASE_URL is not usable: ${(error as Error).message}` };
  }
}

/** `acme` for https://acme.api.identitynow.com, else the host (with port). */
export function tenantLabelFor(baseUrl: string): string {
  try {
    const url = new URL(baseUrl);
    const match = /^([^.]+)\.api\.identitynow(-demo)?\.com$/i.exec(url.hostname);
    return match ? match[1] : url.host;
  } catch {
    return baseUrl;
  }
}
