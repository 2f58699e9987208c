// npm run demo [-- --invoice 42 --purchase 7 --allow-production]
// Confirms an invoice and closes a purchase through the client: against the Lucca mock of the
// vendored spec by default (startLuccaMock, as an app's tests use it), or against LUCCA_HOST with
// LUCCA_API_KEY when both are set.
import { parseArgs } from "node:util";
import { createLuccaInvoicesClient, LuccaError } from "../src/index.js";
import { startLuccaMock, type LuccaMock } from "../src/testing.js";
import { isProductionHost } from "./lib/production-host.js";

const { values } = parseArgs({
  options: {
    invoice: { type: "string", default: "42" },
    purchase: { type: "string", default: "42" },
    "allow-production": { type: "boolean", default: false },
  },
});

async function main(): Promise<void> {
  const { LUCCA_HOST: host, LUCCA_API_KEY: apiKey } = process.env;
  let mock: LuccaMock | undefined;
  try {
    let lucca;
    if (host && apiKey) {
      if (isProductionHost(host) && !values["allow-production"]) {
        throw new Error(
          `${host} is a production host and both calls change data: use a test or sandbox host, or pass --allow-production.`,
        );
      }
      lucca = createLuccaInvoicesClient({ host, apiKey });
      console.log(`Target: https://${host}`);
    } else {
      // The mock apps get from lucca-invoices-client/testing: Prism behind the fault layer.
      mock = await startLuccaMock();
      lucca = mock.client({ apiKey: "demo-key" });
      console.log(
        `Target: the Lucca mock (Prism of openapi/lucca-invoices.yaml) at ${mock.baseUrl}`,
      );
    }

    const invoiceId = Number(values.invoice);
    const confirmed = await lucca.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
      params: { path: { id: invoiceId } },
      body: { strategy: "default" },
    });
    if (confirmed.error) throw confirmed.error;
    console.log(`\nPOST invoices/${invoiceId}/confirmations -> ${confirmed.response.status}`);
    console.log(confirmed.data);

    const purchaseId = Number(values.purchase);
    const closed = await lucca.POST("/cleemy-procurement/api/purchases/{id}/closing", {
      params: { path: { id: purchaseId } },
      body: { comment: "Closed by the demo", date: new Date().toISOString().slice(0, 10) },
    });
    if (closed.error) throw closed.error;
    console.log(`\nPOST purchases/${purchaseId}/closing -> ${closed.response.status} (no body)`);
  } finally {
    await mock?.stop();
  }
}

main().catch((error: unknown) => {
  const name = error instanceof LuccaError ? `${error.name}: ` : "";
  console.error(`demo: ${name}${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
