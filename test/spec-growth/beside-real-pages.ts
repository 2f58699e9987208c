import { mergePages, parsePage, type PageSource } from "../../scripts/assemble-spec.js";
import { HTTP_METHODS } from "../../scripts/lib/merge-pages.js";
import { isMapping, type Mapping } from "../../scripts/lib/spec-walk.js";

/** Top-level fields the merge unions rather than requires equal. */
const UNIONED = new Set(["paths", "components"]);

/**
 * The real pages and the synthetic ones, ready to merge whatever the vendor publishes: the
 * fixtures take the real pages' shared top-level fields (title, servers, tags, security...), so no
 * test depends on the seed pages' values. A real document that is not OpenAPI 3.1 is read as 3.1
 * here (the fixtures use 3.1 constructs). Under a global `security`, each fixture operation
 * declares `security: []`: it carries its own `Authorization` header parameter.
 */
export function besideRealPages(
  real: PageSource[],
  fixtures: PageSource[],
): { real: PageSource[]; fixtures: PageSource[] } {
  const realDocs = real.map(({ file, content }) => ({ file, doc: parsePage(file, content) }));
  const shared: Mapping = { ...mergePages(realDocs) };
  for (const key of UNIONED) delete shared[key];
  const is31 = typeof shared.openapi === "string" && shared.openapi.startsWith("3.1.");
  if (!is31) shared.openapi = "3.1.0";
  const hasSecurity = Array.isArray(shared.security) && shared.security.length > 0;
  const asJson = (file: string, doc: Mapping): PageSource => ({
    file: file.replace(/\.[^.]+$/, ".json"),
    content: JSON.stringify(doc, null, 2),
  });
  return {
    real: is31 ? real : realDocs.map(({ file, doc }) => asJson(file, { ...doc, ...shared })),
    fixtures: fixtures.map(({ file, content }) => {
      const doc = parsePage(file, content);
      const adapted: Mapping = { ...shared };
      for (const key of UNIONED) if (key in doc) adapted[key] = doc[key];
      if (hasSecurity) adapted.paths = withoutSecurity(doc.paths);
      return asJson(file, adapted);
    }),
  };
}

function withoutSecurity(paths: Mapping): Mapping {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      if (!isMapping(item)) return [path, item];
      const open = Object.entries(item).map(([key, value]) =>
        HTTP_METHODS.includes(key) && isMapping(value)
          ? [key, { ...value, security: [] }]
          : [key, value],
      );
      return [path, Object.fromEntries(open)];
    }),
  );
}
