import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { repoPath } from "../../scripts/lib/repo-paths.js";

const execFileAsync = promisify(execFile);

/** Runs a command, failing with its output (not just the exit code) so a broken step says why. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, { cwd, timeout: 120_000 });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${stdout}\n${stderr}`);
  }
}

/** The version the repo has installed, so the consumer project gets the same one. */
export const versionOf = (name: string): string =>
  JSON.parse(readFileSync(repoPath("node_modules", name, "package.json"), "utf8")).version;

/** A temp dir outside the repo, so nothing can resolve from the repo's node_modules by walking up. */
export const outsideRepo = (prefix: string): string =>
  realpathSync(mkdtempSync(join(tmpdir(), prefix)));

/** A strict consumer's tsconfig (NodeNext, as an app on Node 20 has it), for `consumer.ts`. */
export const strictTsconfig = (extra: Record<string, unknown>) => ({
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022"],
    types: ["node"],
    strict: true,
    noUncheckedIndexedAccess: true,
    ...extra,
  },
  include: ["consumer.ts"],
});
