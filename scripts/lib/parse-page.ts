import { extname } from "node:path";
import { parse } from "yaml";
import { SpecAssemblyError } from "./spec-assembly-error.js";

/** An OpenAPI document as parsed from YAML: only the fields the merge relies on are typed. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, unknown>;
};

export interface YamlBlock {
  /** 1-based line of the block's first YAML line in the page, for error messages. */
  line: number;
  text: string;
}

const OPENING_FENCE = /^(`{3,})(.*)$/;

/**
 * The single ```yaml block of a vendor docs page. Other fenced blocks are skipped whole, so a
 * yaml fence quoted inside one does not count.
 */
export function extractYamlBlock(fileName: string, markdown: string): YamlBlock {
  const lines = markdown.split(/\r?\n/);
  const blocks: YamlBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_FENCE.exec(lines[index] ?? "");
    if (!opening) continue;
    const fence = opening[1] ?? "";
    const isYaml = /^yaml(\s|$)/.test(opening[2] ?? "");
    const closing = new RegExp(`^\`{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, at) => at > index && closing.test(line));
    if (end === -1) {
      throw new SpecAssemblyError(`${fileName}: unclosed code fence opened at line ${index + 1}`);
    }
    if (isYaml) blocks.push({ line: index + 2, text: lines.slice(index + 1, end).join("\n") });
    index = end;
  }
  if (blocks.length !== 1) {
    const found = blocks.length === 0 ? "none" : String(blocks.length);
    throw new SpecAssemblyError(
      `${fileName}: expected exactly one \`\`\`yaml block, found ${found}`,
    );
  }
  return blocks[0] as YamlBlock;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The OpenAPI document of a page: the yaml block of a .md page, or the whole file for a complete
 * spec dropped in as .yaml/.yml/.json.
 */
export function parsePage(fileName: string, content: string): OpenApiDocument {
  const block =
    extname(fileName).toLowerCase() === ".md"
      ? extractYamlBlock(fileName, content)
      : { line: 1, text: content };
  let doc: unknown;
  try {
    doc = parse(block.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecAssemblyError(
      `${fileName}: invalid YAML (block starting at line ${block.line}): ${reason}`,
    );
  }
  if (!isMapping(doc)) {
    throw new SpecAssemblyError(`${fileName}: not an OpenAPI document (expected a mapping)`);
  }
  if (typeof doc.openapi !== "string" || !/^3\.\d+(\.\d+)?$/.test(doc.openapi)) {
    throw new SpecAssemblyError(
      `${fileName}: not an OpenAPI document (expected \`openapi: 3.x\` as a string)`,
    );
  }
  if (!isMapping(doc.paths)) {
    throw new SpecAssemblyError(`${fileName}: not an OpenAPI document (no \`paths\` mapping)`);
  }
  return doc as OpenApiDocument;
}
