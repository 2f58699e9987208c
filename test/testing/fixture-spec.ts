import { repoPath } from "../../scripts/lib/repo-paths.js";

/** The synthetic operations these tests call: none of today's vendored pages. */
export const at = "/cleemy-procurement/api/synthetic-fixtures";
export const REJECT = `POST ${at}/invoices/{id}/rejections`;
export const LIST = `GET ${at}/invoices`;

/** The fixture spec (npm run generate assembles it from test/fixtures/pages), never the vendored one. */
export const fixtureSpecPath = repoPath("test/fixtures/fixture-spec.yaml");
