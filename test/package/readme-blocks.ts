/** The ```ts blocks of a Markdown file, with the line each starts on. */
export function typeScriptBlocks(markdown: string): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = markdown.split("\n");
  let start: number | undefined;
  let code: string[] = [];
  lines.forEach((text, index) => {
    if (start === undefined && /^```ts\s*$/.test(text)) {
      start = index + 1;
      code = [];
    } else if (start !== undefined && text.startsWith("```")) {
      blocks.push({ line: start, code: code.join("\n") });
      start = undefined;
    } else if (start !== undefined) {
      code.push(text);
    }
  });
  return blocks;
}
