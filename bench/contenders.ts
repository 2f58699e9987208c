import createClient from "openapi-fetch";
import { createLuccaInvoicesClient, type LuccaPaths } from "../src/index.js";

export const API_KEY = "bench-key";
const AUTHORIZATION = `lucca application=${API_KEY}`;

/** One call; even ids confirm an invoice, odd ids close a purchase. Throws on a wrong answer. */
export type Call = (id: number) => Promise<void>;

export interface Contender {
  name: string;
  call: Call;
}

const confirmBody = { strategy: "default" };
const closeBody = { comment: "bench" };

function expect(ok: boolean, who: string, id: number, got: unknown): void {
  if (!ok) throw new Error(`${who}: call for id ${id} got an unexpected answer: ${String(got)}`);
}

/** What a hand-written integration would do: fetch, the two headers, JSON in and out. */
export function rawFetch(baseUrl: string): Contender {
  const call: Call = async (id) => {
    const confirm = id % 2 === 0;
    const path = confirm ? `invoices/${id}/confirmations` : `purchases/${id}/closing`;
    const res = await fetch(`${baseUrl}/cleemy-procurement/api/${path}`, {
      method: "POST",
      headers: { Authorization: AUTHORIZATION, "Content-Type": "application/json" },
      body: JSON.stringify(confirm ? confirmBody : closeBody),
    });
    if (confirm) {
      const data = (await res.json()) as { id?: number };
      expect(res.status === 201 && data.id === id, "raw fetch", id, res.status);
    } else {
      // The closing answer is an empty 200, which res.json() would reject.
      await res.text();
      expect(res.status === 200, "raw fetch", id, res.status);
    }
  };
  return { name: "raw fetch", call };
}

/** openapi-fetch's own createClient, typed on the same paths (the key set once, in headers). */
export function bareOpenapiFetch(baseUrl: string): Contender {
  const client = createClient<LuccaPaths>({ baseUrl, headers: { Authorization: AUTHORIZATION } });
  const call: Call = async (id) => {
    if (id % 2 === 0) {
      const { data, response } = await client.POST(
        "/cleemy-procurement/api/invoices/{id}/confirmations",
        { params: { path: { id } }, body: confirmBody },
      );
      expect(response.status === 201 && data?.id === id, "openapi-fetch", id, response.status);
    } else {
      const { response } = await client.POST("/cleemy-procurement/api/purchases/{id}/closing", {
        params: { path: { id } },
        body: closeBody,
      });
      expect(response.status === 200, "openapi-fetch", id, response.status);
    }
  };
  return { name: "openapi-fetch", call };
}

/**
 * This client with every default on (key, 2 retries, 30 s timeout) and its limiter on, with a
 * limit it never reaches, so the limiter's bookkeeping is measured but never waits. `create` is
 * the built package's (dist/), as apps run it; the source through tsx carries transpiler helpers.
 */
export function luccaClient(
  baseUrl: string,
  create: typeof createLuccaInvoicesClient = createLuccaInvoicesClient,
): Contender {
  const lucca = create({
    apiKey: API_KEY,
    baseUrl,
    rateLimit: { requests: 10_000, perMs: 1 },
  });
  const call: Call = async (id) => {
    if (id % 2 === 0) {
      const { data, error } = await lucca.POST(
        "/cleemy-procurement/api/invoices/{id}/confirmations",
        { params: { path: { id } }, body: confirmBody },
      );
      expect(!error && data.id === id, "client", id, error);
    } else {
      const { error, response } = await lucca.POST(
        "/cleemy-procurement/api/purchases/{id}/closing",
        { params: { path: { id } }, body: closeBody },
      );
      expect(!error && response.status === 200, "client", id, error);
    }
  };
  return { name: "client", call };
}
