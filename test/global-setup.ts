import type { TestProject } from "vitest/node";
import { startPrism, type PrismServer } from "../src/testing/prism-process.js";

declare module "vitest" {
  export interface ProvidedContext {
    apiBaseUrl: string;
    /** true when the suite runs against a server given by TEST_API_BASE_URL, not our own Prism mock. */
    externalServer: boolean;
  }
}

let prism: PrismServer | undefined;

/** Starts one Prism mock for the whole run, unless TEST_API_BASE_URL names another server. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env.TEST_API_BASE_URL;
  if (external) {
    project.provide("apiBaseUrl", external);
    project.provide("externalServer", true);
    return;
  }
  prism = await startPrism();
  project.provide("apiBaseUrl", prism.baseUrl);
  project.provide("externalServer", false);
}

export async function teardown(): Promise<void> {
  await prism?.stop();
}
