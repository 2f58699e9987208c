import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assembleSpecFromPages, readPages } from "../../scripts/assemble-spec.js";
import { repoPath } from "../../scripts/lib/repo-paths.js";

/** The synthetic operations these tests call: none of today's vendored pages. */
export const at = "/cleemy-procurement/api/synthetic-fixtures";
export const REJECT = `POST ${at}/invoices/{id}/rejections`;
export const LIST = `GET ${at}/invoices`;

const USED = ["fixture-reject-invoice.md", "fixture-list-invoices.md"];

/**
 * A spec of synthetic fixture pages, so the mock's tests never depend on the vendored ones: the
 * committed test/fixtures/fixture-spec.yaml when there is one, else the pages assembled in a temp dir.
 */
export async function fixtureSpec(): Promise<{ path: string; remove(): void }> {
  const committed = repoPath("test/fixtures/fixture-spec.yaml");
  if (existsSync(committed)) return { path: committed, remove: () => {} };
  const pages = (await readPages(repoPath("test/fixtures/pages"))).filter((page) =>
    USED.includes(page.file),
  );
  const dir = realpathSync(mkdtempSync(join(tmpdir(), "lucca-mock-spec-")));
  const path = join(dir, "fixture-spec.yaml");
  writeFileSync(path, await assembleSpecFromPages(pages));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
