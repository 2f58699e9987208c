import {
  GZIP_BUDGET,
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
  const verdicts = [
    {
      target: `client + openapi-fetch ≤ ${GZIP_BUDGET} bytes gzipped, operations apart`,
      met: size.wrapper.gzipped <= GZIP_BUDGET,
      figure: `${size.wrapper.gzipped} bytes; ${size.client.gzipped} as shipped; ${cost.bytesPerOperation} bytes per added operation`,
    },
  ];
  return { markdown, verdicts };
}
