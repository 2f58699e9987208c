import { parseLuccaHost } from "../../src/index.js";

/**
 * The production env (`{account}.ilucca.{net|ch}`) changes real data: the scripts that write
 * (demo, test:proxy) refuse it unless told otherwise. Throws as parseLuccaHost does on a bad host.
 */
export function isProductionHost(host: string): boolean {
  return /^[^.]+\.ilucca\.(?:net|ch)$/.test(parseLuccaHost(host));
}
