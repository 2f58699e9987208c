import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { repoPath } from "./repo-paths.js";

function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const path = join(e.parentPath, e.name);
      return e.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    }),
  );
}

/** Runs `npm run build` when dist/ is missing or older than src/. */
export function buildIfStale(): void {
  const entry = repoPath("dist", "index.js");
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestMtime(repoPath("src"))) return;
  const run = spawnSync("npm", ["run", "build"], { cwd: repoPath(), stdio: "inherit" });
  if (run.status !== 0) throw new Error(`npm run build failed (exit ${run.status})`);
}
