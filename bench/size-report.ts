import {
  operationCostLine,
  sizeTable,
  type OperationCost,
  type SizeReport,
} from "../scripts/size.js";
import type { Verdict } from "./report.js";

export function sizeSection(
  size: SizeReport,
  cost: OperationCost,
): { markdown: string; verdicts: Verdict[] } {
  const markdown = `${sizeTable(size)}\n\n${operationCostLine(cost)}`;
  // Bundle bytes are reported, never a target: no verdict.
  return { markdown, verdicts: [] };
}
