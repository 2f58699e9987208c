// Prism is started in one place, src/testing/prism-process.ts, shared with the ./testing entry.
import { repoPath } from "./repo-paths.js";

export {
  startPrism,
  type PrismServer,
  type StartPrismOptions,
} from "../../src/testing/prism-process.js";
export { repoRoot } from "./repo-paths.js";
export const specPath = repoPath("openapi", "lucca-invoices.yaml");
