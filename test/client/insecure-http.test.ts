import { describe, expect, it } from "vitest";
import { createLuccaInvoicesClient, LuccaConfigError } from "../../src/index.js";
import { apiKey, expectNoKey, reject } from "../support/fault-harness.js";
import { createFixtureClient } from "../support/fixture-client.js";

/** `baseUrl` to a named host over plain http (a compose service): only with allowInsecureHttp. */

const refusal =
  'Invalid baseUrl "http://prism:4010": expected an https:// URL, or http:// to localhost, ' +
  "127.x.x.x or [::1] (to another host with allowInsecureHttp: true), without credentials, " +
  "query or fragment.";

function configError(make: () => unknown): LuccaConfigError {
  try {
    make();
  } catch (error) {
    expect(error).toBeInstanceOf(LuccaConfigError);
    return error as LuccaConfigError;
  }
  throw new Error("expected a LuccaConfigError");
}

/** A fetch that answers every call itself and records the URLs: nothing leaves the process. */
function recordingFetch(): { urls: string[]; fetch: (request: Request) => Promise<Response> } {
  const urls: string[] = [];
  return {
    urls,
    fetch: async (request) => {
      urls.push(request.url);
      return new Response('{"id":1}', {
        status: 201,
        headers: { "Content-Type": "application/json" },
      });
    },
  };
}

describe("allowInsecureHttp", () => {
  it("refuses http://prism:4010 by default, or with allowInsecureHttp: false, naming the option", () => {
    for (const options of [{}, { allowInsecureHttp: false }]) {
      const error = configError(() =>
        createLuccaInvoicesClient({ apiKey, baseUrl: "http://prism:4010", ...options }),
      );
      expect(error.option).toBe("baseUrl");
      expect(error.message).toBe(refusal);
      expectNoKey(error);
    }
  });

  it("with allowInsecureHttp: true, calls go to http://prism:4010", async () => {
    const { urls, fetch } = recordingFetch();
    const lucca = createFixtureClient({
      apiKey,
      baseUrl: "http://prism:4010",
      allowInsecureHttp: true,
      rateLimit: false,
      fetch,
    });
    const { data } = await lucca.POST(reject, {
      params: { path: { id: 1 } },
      body: { reason: "s" },
    });
    expect(data).toEqual({ id: 1 });
    expect(urls).toEqual([
      "http://prism:4010/cleemy-procurement/api/synthetic-fixtures/invoices/1/rejections",
    ]);
  });

  it("rules a call's baseUrl the same way", async () => {
    const { urls, fetch } = recordingFetch();
    const strict = createFixtureClient({ apiKey, host: "acme.ilucca.net", fetch });
    await expect(
      strict.POST(reject, {
        params: { path: { id: 2 } },
        body: { reason: "s" },
        baseUrl: "http://prism:4010",
      }),
    ).rejects.toThrowError(refusal);
    const open = createFixtureClient({
      apiKey,
      host: "acme.ilucca.net",
      allowInsecureHttp: true,
      rateLimit: false,
      fetch,
    });
    await open.POST(reject, {
      params: { path: { id: 2 } },
      body: { reason: "s" },
      baseUrl: "http://prism:4010",
    });
    expect(urls).toEqual([
      "http://prism:4010/cleemy-procurement/api/synthetic-fixtures/invoices/2/rejections",
    ]);
  });

  it("takes only a boolean", () => {
    const error = configError(() =>
      createLuccaInvoicesClient({
        apiKey,
        baseUrl: "http://prism:4010",
        allowInsecureHttp: "true" as unknown as boolean,
      }),
    );
    expect(error.option).toBe("allowInsecureHttp");
    expect(error.message).toBe('Invalid allowInsecureHttp "true": expected true or false.');
  });
});
