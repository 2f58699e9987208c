import type { LuccaInvoicesClient } from "lucca-invoices-client";

/**
 * Approves invoice `id`, once: the service never resends the POST itself. A thrown error (an
 * answer that is not a success, a dropped connection, a timeout) goes to the caller, who must check
 * the invoice before trying again: after a 5xx, a drop or a timeout the approval may have happened.
 */
export async function confirmInvoice(client: LuccaInvoicesClient, id: number) {
  const result = await client.POST("/cleemy-procurement/api/invoices/{id}/confirmations", {
    params: { path: { id } },
    body: { strategy: "default" },
  });
  if (result.error) throw result.error;
  return result.data;
}
