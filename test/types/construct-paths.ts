// A hand-written `paths`, shaped as openapi-typescript 7 compiles a spec, holding one operation per
// construct the call-site types must carry. Type tests only: no server answers these paths. It
// stands for the generated fixture types until they are on main, and keeps these tests independent
// of the operations the vendored spec holds today.

/** The `Authorization` header the vendor's pages declare on every operation. */
interface AuthorizationHeader {
  Authorization: string;
}

interface JsonHeaders {
  [name: string]: unknown;
}

export interface ConstructSchemas {
  address: { city: string; lines: string[]; geo?: { lat: number; lng: number } };
  tag: { name: string; color?: "red" | "blue" };
  /** A recursive schema. */
  category: { name: string; children?: ConstructSchemas["category"][] };
  /** `oneOf` with a discriminator: a body may be either branch, never both, never neither. */
  "payment-method":
    | { kind: "supplier"; supplier: { id: number; address?: ConstructSchemas["address"] } }
    | { kind: "card"; card: { last4: string }; tags?: ConstructSchemas["tag"][] };
  /** `anyOf` without a discriminator. */
  note: { text: string } | { attachmentId: number };
  thing: {
    readonly id: number;
    status: "open" | "closed";
    closedAt: string | null;
    tags: ConstructSchemas["tag"][];
  };
  "thing-update": {
    label: string;
    /** `type: [string, 'null']` */
    comment?: string | null;
    lines: { label: string; amount: number; unit?: "day" | "hour" }[];
    owner?: { id: number; team?: { code: string } };
    /** An array of `oneOf` items. */
    links?: ({ url: string } | { fileId: number })[];
    category?: ConstructSchemas["category"];
  };
  "thing-list": { items: ConstructSchemas["thing"][]; count?: number };
  /** An `application/problem+json` error with a schema of its own. */
  "validation-problem": {
    type: string;
    title: string;
    status: number;
    errors?: { field: string; message: string }[];
  };
}

export interface ConstructPaths {
  "/things": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path?: never;
      cookie?: never;
    };
    get: ConstructOperations["list-things"];
    put?: never;
    post: ConstructOperations["create-thing"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/things/{id}": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    get?: never;
    put: ConstructOperations["update-thing"];
    post: ConstructOperations["add-note"];
    delete: ConstructOperations["delete-thing"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/things/{id}/content": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    get: ConstructOperations["download-thing"];
    put: ConstructOperations["replace-thing-content"];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/things/by-status/{status}": {
    parameters: {
      query?: {
        limit?: number;
      };
      header: AuthorizationHeader;
      path: { status: "open" | "closed" };
      cookie?: never;
    };
    get: ConstructOperations["list-things-by-status"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export interface ConstructOperations {
  /** Required query (an exploded array) beside optional ones, one of them an enum. */
  "list-things": {
    parameters: {
      query: { ids: number[]; limit?: number; status?: "open" | "closed" };
      header: AuthorizationHeader;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: JsonHeaders;
        content: { "application/json": ConstructSchemas["thing-list"] };
      };
    };
  };
  /** A required `oneOf` body with nested objects and an array of objects in its branches. */
  "create-thing": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: { "application/json": ConstructSchemas["payment-method"] };
    };
    responses: {
      201: { headers: JsonHeaders; content: { "application/json": ConstructSchemas["thing"] } };
      422: {
        headers: JsonHeaders;
        content: { "application/problem+json": ConstructSchemas["validation-problem"] };
      };
    };
  };
  /** A required body with a nullable field, an array of objects and a nested object; 204. */
  "update-thing": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    requestBody: {
      content: { "application/json": ConstructSchemas["thing-update"] };
    };
    responses: {
      204: { headers: JsonHeaders; content?: never };
    };
  };
  /** An optional `anyOf` body. */
  "add-note": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    requestBody?: {
      content: { "application/json": ConstructSchemas["note"] };
    };
    responses: {
      201: { headers: JsonHeaders; content: { "application/json": ConstructSchemas["note"] } };
    };
  };
  "delete-thing": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: { headers: JsonHeaders; content?: never };
    };
  };
  /** A `format: binary` download. */
  "download-thing": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: { headers: JsonHeaders; content: { "application/pdf": Blob } };
    };
  };
  /** A raw binary request body. */
  "replace-thing-content": {
    parameters: {
      query?: never;
      header: AuthorizationHeader;
      path: { id: number };
      cookie?: never;
    };
    requestBody: {
      content: { "application/pdf": Blob };
    };
    responses: {
      204: { headers: JsonHeaders; content?: never };
    };
  };
  /** An enum path parameter and an optional query. */
  "list-things-by-status": {
    parameters: {
      query?: { limit?: number };
      header: AuthorizationHeader;
      path: { status: "open" | "closed" };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: { headers: JsonHeaders; content: { "application/json": ConstructSchemas["thing"][] } };
    };
  };
}
