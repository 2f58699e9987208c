import { sharedInstall } from "./packed.js";

let building: Promise<unknown> | undefined;

/**
 * Starts building, packing and installing the package as the run starts, in vitest's main process,
 * so that the work overlaps other files instead of holding a worker while it runs. A failure is
 * reported by the files that wait for the install (test/package/packed.ts), not here.
 */
export function setup(): void {
  building = sharedInstall().catch(() => {});
}

export async function teardown(): Promise<void> {
  await building;
}
