/**
 * A strict consumer of the types generated from the real pages plus test/fixtures/pages: each
 * `@ts-expect-error` must be an error (tsc fails on an unused one) and every other line must compile.
 * Never run, only type-checked.
 */
export function consumerSource(clientModule: string): string {
  return `import { createSpecClient } from ${JSON.stringify(clientModule)};
import type { paths } from "./generated/lucca-invoices.js";
import { operationRules } from "./generated/operations.js";

const lucca = createSpecClient<paths>(operationRules, {
  baseUrl: "http://127.0.0.1:9",
  apiKey: "type-check-key",
  rateLimit: false,
});
const at = "/cleemy-procurement/api/synthetic-fixtures" as const;
const pdf = \`\${at}/files/{id}/pdf\` as const;

export async function compiles(): Promise<void> {
  const blob: Blob | undefined = (await lucca.GET(pdf, { params: { path: { id: 1 } }, parseAs: "blob" })).data;
  const buffer: ArrayBuffer | undefined = (await lucca.GET(pdf, { params: { path: { id: 1 } }, parseAs: "arrayBuffer" })).data;
  const stream: ReadableStream<Uint8Array> | null | undefined = (await lucca.GET(pdf, { params: { path: { id: 1 } }, parseAs: "stream" })).data;
  const text: string | undefined = (await lucca.GET(pdf, { params: { path: { id: 1 } }, parseAs: "text" })).data;
  const byDefault: Blob | undefined = (await lucca.GET(pdf, { params: { path: { id: 1 } } })).data;
  const csv: string | undefined = (await lucca.GET(\`\${at}/vat-rates/export\`)).data;

  const upload = await lucca.POST(\`\${at}/invoices/{id}/attachments\`, {
    params: { path: { id: 1 } },
    body: { file: new Blob([new Uint8Array([0, 255])], { type: "application/pdf" }), description: "scan" },
  });
  const uploaded: number | undefined = upload.data?.id;
  await lucca.POST(\`\${at}/purchases/{id}/comments\`, { params: { path: { id: 1 } }, body: { text: "ok", notify: true } });
  await lucca.PUT(\`\${at}/files/{id}/content\`, { params: { path: { id: 1 } }, body: new Blob([new Uint8Array([0x25])]) });

  const deleted = await lucca.DELETE(\`\${at}/documents/{id}\`, { params: { path: { id: 2 ** 40 } } });
  const status: number = deleted.response.status;
  const gone: undefined = deleted.data;

  const page = await lucca.GET(\`\${at}/invoices\`, {
    params: { query: { "invoice.conformityStates": ["Confirmed", "ToReview"], limit: 1000, page: 2, "fields.root": "count" } },
  });
  const count: number | undefined = page.data?.count;
  await lucca.GET(\`\${at}/suppliers\`, { params: { query: { id: [1, 2], filter: { name: "Acme" } } } });
  await lucca.GET(\`\${at}/approval-workflows/{workflowId}\`, { params: { path: { workflowId: "0b6d2f4e-8a51-4c1e-9d35-5b9f0a7c2e11" } } });
  await lucca.GET(\`\${at}/booked-documents/{kind}\`, { params: { path: { kind: "credit-note" } } });

  const nature = await lucca.GET(\`\${at}/natures/{id}\`, { params: { path: { id: 3 } } });
  if (nature.data) {
    const code: string | null | undefined = nature.data.code;
    const state: "Active" | "Archived" = nature.data.status;
    void [code, state];
  }
  const rejected = await lucca.POST(\`\${at}/invoices/{id}/rejections\`, { params: { path: { id: 1 } }, body: { reason: "duplicate" } });
  if (rejected.error) {
    const errors: Record<string, string[]> | undefined = rejected.error.problem?.errors;
    const title: string | undefined = rejected.error.problem?.title;
    void [errors, title];
  }
  void [blob, buffer, stream, text, byDefault, csv, uploaded, status, gone, count];
}

export async function doesNotCompile(): Promise<void> {
  // @ts-expect-error "receipt" is not in the enum of the path parameter
  await lucca.GET(\`\${at}/booked-documents/{kind}\`, { params: { path: { kind: "receipt" } } });
  // @ts-expect-error "total" is not in the enum of fields.root
  await lucca.GET(\`\${at}/invoices\`, { params: { query: { "fields.root": "total" } } });
  // @ts-expect-error limit is an integer, not a string
  await lucca.GET(\`\${at}/invoices\`, { params: { query: { limit: "10" } } });
  // @ts-expect-error the array query holds enum values only
  await lucca.GET(\`\${at}/invoices\`, { params: { query: { "invoice.conformityStates": ["Lost"] } } });
  // @ts-expect-error the body's name is required
  await lucca.PUT(\`\${at}/inbox-documents/{id}\`, { params: { path: { id: 1 } }, body: { comment: "no name" } });
  // @ts-expect-error the multipart file is required
  await lucca.POST(\`\${at}/invoices/{id}/attachments\`, { params: { path: { id: 1 } }, body: { description: "no file" } });
  // @ts-expect-error the int64 id is a number, not a string
  await lucca.DELETE(\`\${at}/documents/{id}\`, { params: { path: { id: "2" } } });
  // @ts-expect-error the client sends its own Authorization header
  await lucca.GET(\`\${at}/natures/{id}\`, { params: { path: { id: 1 }, header: { Authorization: "lucca application=other" } } });
  // @ts-expect-error the client sends its own Authorization header
  await lucca.GET(\`\${at}/natures/{id}\`, { params: { path: { id: 1 } }, headers: { Authorization: "lucca application=other" } });
  // @ts-expect-error the export is a GET only
  await lucca.POST(\`\${at}/vat-rates/export\`, {});
}
`;
}
