import { extname } from "node:path";
import { parse } from "yaml";
import { findJsonSyntaxProblem } from "./json-syntax.js";
import { SpecAssemblyError } from "./spec-assembly-error.js";

/** An OpenAPI document as parsed from a page: only the fields the merge relies on are typed. */
export type OpenApiDocument = Record<string, unknown> & {
  openapi: string;
  paths: Record<string, unknown>;
};

export type SpecLanguage = "yaml" | "json";

export interface SpecBlock {
  /** 1-based line of the block's first line in the page, for error messages. */
  line: number;
  text: string;
  /** How the block is parsed: a ```json block (or a .json file) as JSON, never as YAML. */
  language: SpecLanguage;
}

const OPENING_FENCE = /^(`{3,})(.*)$/;
const FENCE_LANGUAGE = /^(yaml|yml|json)(\s|$)/i;

/**
 * The single ```yaml (or ```json) block of a vendor docs page. Other fenced blocks are skipped
 * whole, so a yaml fence quoted inside one does not count.
 */
export function extractSpecBlock(fileName: string, markdown: string): SpecBlock {
  const lines = markdown.split(/\r?\n/);
  const blocks: SpecBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const opening = OPENING_FENCE.exec(lines[index] ?? "");
    if (!opening) continue;
    const fence = opening[1] ?? "";
    const language = FENCE_LANGUAGE.exec(opening[2] ?? "")?.[1]?.toLowerCase();
    const closing = new RegExp(`^\`{${fence.length},}\\s*$`);
    const end = lines.findIndex((line, at) => at > index && closing.test(line));
    if (end === -1) {
      throw new SpecAssemblyError(`${fileName}: unclosed code fence opened at line ${index + 1}`);
    }
    if (language !== undefined) {
      blocks.push({
        line: index + 2,
        text: lines.slice(index + 1, end).join("\n"),
        language: language === "json" ? "json" : "yaml",
      });
    }
    index = end;
  }
  if (blocks.length !== 1) {
    const found = blocks.length === 0 ? "none" : String(blocks.length);
    throw new SpecAssemblyError(
      `${fileName}: expected exactly one \`\`\`yaml or \`\`\`json block, found ${found}`,
    );
  }
  return blocks[0] as SpecBlock;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(fileName: string, block: SpecBlock): unknown {
  const text = block.text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(text);
  } catch (error) {
    const problem = findJsonSyntaxProblem(text);
    const reason = error instanceof Error ? error.message : String(error);
    if (!problem) throw new SpecAssemblyError(`${fileName}: invalid JSON: ${reason}`);
    const line = block.line + problem.line - 1;
    throw new SpecAssemblyError(
      `${fileName}: invalid JSON at line ${line}, column ${problem.column}: ${problem.reason}` +
        " (JSON allows no trailing commas, comments or single quotes)",
    );
  }
}

function parseYaml(fileName: string, block: SpecBlock): unknown {
  try {
    return parse(block.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new SpecAssemblyError(
      `${fileName}: invalid YAML (block starting at line ${block.line}): ${reason}`,
    );
  }
}

/**
 * The OpenAPI document of a page: the yaml or json block of a .md page, or the whole file for a
 * complete spec dropped in as .yaml/.yml/.json. JSON is parsed as JSON: YAML would accept a
 * trailing comma without a word.
 */
export function parsePage(fileName: string, content: string): OpenApiDocument {
  const extension = extname(fileName).toLowerCase();
  const block: SpecBlock =
    extension === ".md"
      ? extractSpecBlock(fileName, content)
      : { line: 1, text: content, language: extension === ".json" ? "json" : "yaml" };
  const doc = block.language === "json" ? parseJson(fileName, block) : parseYaml(fileName, block);
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
