import { invalidOption } from "./errors.js";

/** Environments of a customer account: production, test and demo. */
export type LuccaEnv = "ilucca" | "ilucca-test" | "ilucca-demo";
/** `ch` for Swiss accounts, `net` for the others. */
export type LuccaRegion = "net" | "ch";
/** Servers that host sandboxes. */
export type LuccaSandboxServer = "eu1" | "eu2" | "ch1";

// {account}.{env}.{region}, the account a DNS label of 1-63 letters, digits or inner hyphens.
const STANDARD = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.(ilucca(?:-test|-demo)?)\.(?:net|ch)$/;
// {account}-{sandboxName}.sandbox.{server}.luccasoftware.com, the first label at most 63 long.
const SANDBOX =
  /^(?=[^.]{1,63}\.)[a-z0-9][a-z0-9-]*-[a-z0-9]+\.sandbox\.(?:eu1|eu2|ch1)\.luccasoftware\.com$/;

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
  throw invalidOption(
    "host",
    input,
    "{account}.{ilucca|ilucca-test|ilucca-demo}.{net|ch} or" +
      " {account}-{sandboxName}.sandbox.{eu1|eu2|ch1}.luccasoftware.com, optionally with https://" +
      " or one trailing slash",
  );
}
