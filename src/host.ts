import { LuccaConfigError } from "./errors.js";

/** Environments of a customer account: production, test and demo. */
export const luccaEnvs = ["ilucca", "ilucca-test", "ilucca-demo"] as const;
export type LuccaEnv = (typeof luccaEnvs)[number];
/** `ch` for Swiss accounts, `net` for the others. */
export const luccaRegions = ["net", "ch"] as const;
export type LuccaRegion = (typeof luccaRegions)[number];
/** Servers that host sandboxes. */
export const luccaSandboxServers = ["eu1", "eu2", "ch1"] as const;
export type LuccaSandboxServer = (typeof luccaSandboxServers)[number];

// A DNS label: 1-63 letters, digits or inner hyphens.
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const STANDARD = new RegExp(
  `^(${LABEL})\\.(${luccaEnvs.join("|")})\\.(${luccaRegions.join("|")})$`,
);
const SANDBOX = new RegExp(
  `^(?=[^.]{1,63}\\.)([a-z0-9][a-z0-9-]*)-([a-z0-9]+)\\.sandbox\\.(${luccaSandboxServers.join("|")})\\.luccasoftware\\.com$`,
);

export const ACCEPTED_HOST_PATTERNS =
  `{account}.{${luccaEnvs.join("|")}}.{${luccaRegions.join("|")}}` +
  ` or {account}-{sandboxName}.sandbox.{${luccaSandboxServers.join("|")}}.luccasoftware.com` +
  ` (case-insensitive, optionally written as https://<host> or with one trailing slash)`;

export interface LuccaHostParts {
  account: string;
  env: LuccaEnv;
  region: LuccaRegion;
}

export interface LuccaSandboxHostParts {
  account: string;
  sandboxName: string;
  server: LuccaSandboxServer;
}

/** Builds the spec's `host` server variable for a customer account: `{account}.{env}.{region}`. */
export function luccaHost({ account, env, region }: LuccaHostParts): string {
  return parseLuccaHost(`${account}.${env}.${region}`);
}

/** Builds the `host` of a sandbox: `{account}-{sandboxName}.sandbox.{server}.luccasoftware.com`. */
export function luccaSandboxHost({ account, sandboxName, server }: LuccaSandboxHostParts): string {
  return parseLuccaHost(`${account}-${sandboxName}.sandbox.${server}.luccasoftware.com`);
}

/**
 * Validates a `host` and returns it in canonical form (lower case, no scheme, no slash).
 * Only the two patterns the spec describes are accepted: a port, path, userinfo, query, fragment,
 * IP address, other domain or `http://` is refused, so the API key is never sent elsewhere.
 */
export function parseLuccaHost(input: string): string {
  const host = String(input)
    .replace(/^https:\/\//i, "")
    .replace(/\/$/, "")
    .toLowerCase();
  if (STANDARD.test(host) || SANDBOX.test(host)) return host;
  throw new LuccaConfigError(
    "host",
    `Invalid host ${JSON.stringify(String(input).slice(0, 200))}: expected ${ACCEPTED_HOST_PATTERNS}.`,
  );
}

/** The production env changes real data: scripts that write refuse it unless told otherwise. */
export function isProductionHost(host: string): boolean {
  return STANDARD.exec(parseLuccaHost(host))?.[2] === "ilucca";
}
