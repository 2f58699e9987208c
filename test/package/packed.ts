import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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

/** The package packed once for the whole run, and a project where it is installed. */
export interface SharedInstall {
  /** The tarball `npm pack` made. */
  tarball: string;
  /** A project outside the repo with the tarball, the example's dependencies and ioredis. */
  project: string;
}

const READY = "install.json";
const FAILED = "install-failed.txt";
let shared: Promise<SharedInstall> | undefined;

/**
 * The packed package, installed. Building, packing and installing cost about 25 s of CPU, and
 * three files need it (the consumer, the example, the Redis consumer): the first file to ask does
 * the work for the whole run, holding a lock directory, and the others wait for its answer. The
 * run's directory is named by vitest.config.ts (`LUCCA_TEST_RUN_DIR`) and removed when the run ends.
 */
export function sharedInstall(): Promise<SharedInstall> {
  shared ??= prepareOrWait();
  return shared;
}

/** Links the shared install's node_modules into `dir`, as if it had been installed there. */
export async function linkSharedInstall(dir: string): Promise<SharedInstall> {
  const install = await sharedInstall();
  symlinkSync(join(install.project, "node_modules"), join(dir, "node_modules"), "dir");
  return install;
}

async function prepareOrWait(): Promise<SharedInstall> {
  const dir = process.env.LUCCA_TEST_RUN_DIR;
  if (dir === undefined) throw new Error("LUCCA_TEST_RUN_DIR is unset: run vitest from the repo");
  mkdirSync(dir, { recursive: true });
  try {
    mkdirSync(join(dir, "install.lock"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return waitForInstall(dir);
  }
  try {
    const install = await prepare(dir);
    // Renamed into place, so a waiting file never reads half of it.
    writeFileSync(join(dir, `${READY}.tmp`), JSON.stringify(install));
    renameSync(join(dir, `${READY}.tmp`), join(dir, READY));
    return install;
  } catch (error) {
    writeFileSync(join(dir, FAILED), error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function waitForInstall(dir: string): Promise<SharedInstall> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (existsSync(join(dir, READY))) {
      return JSON.parse(readFileSync(join(dir, READY), "utf8")) as SharedInstall;
    }
    if (existsSync(join(dir, FAILED))) {
      const reason = readFileSync(join(dir, FAILED), "utf8");
      throw new Error(`the shared install failed in another test file:\n${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no shared install in ${dir} after 180 s`);
}

const exampleManifest = (): Manifest =>
  JSON.parse(readFileSync(repoPath("examples/invoice-service/package.json"), "utf8")) as Manifest;

/** The example's development tools but @types/node, which the shared install links from the repo. */
export function toolsOfTheExample(example: Manifest = exampleManifest()): string[] {
  return Object.keys(example.devDependencies ?? {}).filter((t) => t !== "@types/node");
}

interface Manifest {
  files: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

async function prepare(dir: string): Promise<SharedInstall> {
  // Built as prepack builds it (tsconfig.build.json), into a staging copy holding what the
  // manifest's `files` names: the repo's dist/ is left alone.
  const staging = join(dir, "staging");
  const manifest = JSON.parse(readFileSync(repoPath("package.json"), "utf8")) as Manifest;
  for (const entry of ["package.json", ...manifest.files.filter((f) => f !== "dist")]) {
    cpSync(repoPath(entry), join(staging, entry), { recursive: true });
  }
  const tsc = repoPath("node_modules/typescript/bin/tsc");
  const outDir = join(staging, "dist");
  // --noCheck: the same files as a checked build (tried), without checking src a second time in
  // the run (the types project does).
  const build = ["-p", repoPath("tsconfig.build.json"), "--outDir", outDir, "--noCheck"];
  await run(process.execPath, [tsc, ...build], dir);
  await run("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], staging);
  const name = readdirSync(dir).find((f) => f.endsWith(".tgz"));
  if (name === undefined) throw new Error(`npm pack left no tarball in ${dir}`);
  const tarball = join(dir, name);

  // Installed from the registry as an app installs them: the package (openapi-fetch with it),
  // ioredis and @types/node. The example's tools (typescript, vitest, prism-cli: 150 MB, 25 s of
  // CPU to install) are the repo's own copies, linked: `toolsOfTheExample` says their ranges match.
  const example = exampleManifest();
  const project = join(dir, "install");
  mkdirSync(project);
  const dependencies = {
    ...example.dependencies,
    "lucca-invoices-client": `file:${tarball}`,
    ioredis: versionOf("ioredis"),
    "@types/node": example.devDependencies?.["@types/node"] ?? versionOf("@types/node"),
  };
  const installManifest = { name: "packed-install", private: true, type: "module", dependencies };
  writeFileSync(join(project, "package.json"), JSON.stringify(installManifest, null, 2));
  // From the npm cache where it can; no lock (the tarball's integrity changes with every pack),
  // no install scripts (npm 11 holds them back unless approved, and none is needed here).
  const flags = ["--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"];
  await run("npm", ["install", ...flags, "--no-package-lock"], project);
  for (const tool of toolsOfTheExample(example)) {
    const link = join(project, "node_modules", tool);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(repoPath("node_modules", tool), link, "dir");
  }
  return { tarball, project };
}
