import { describe, expect, it } from "vitest";
import { repoPath } from "../scripts/lib/repo-paths.js";
import { runNodeScript } from "./support/processes.js";

// prettier --check as a file of the run, not a step before it: its 11 s on one core overlap the
// other files instead of holding the whole run up.
describe("formatting", () => {
  it("every file is as prettier writes it (fix: npm run format)", async () => {
    const prettier = repoPath("node_modules/prettier/bin/prettier.cjs");
    const outcome = await runNodeScript(prettier, ["--check", "."], repoPath());
    expect(outcome, outcome.output).toEqual({
      code: 0,
      output: "Checking formatting...\nAll matched files use Prettier code style!\n",
    });
  }, 120_000);
});
