import type { components, operations } from "./generated/lucca-invoices.js";

type Schemas = components["schemas"];

/** A confirmation (approval) of an invoice or credit note, as the API returns it. */
export type Confirmation = Schemas["confirmation"];
/** Body of `POST /cleemy-procurement/api/invoices/{id}/confirmations`. */
export type ConfirmationCreation = Schemas["confirmation-creation"];
/** Reference to a user (e.g. a confirmation's author). */
export type UserReference = Schemas["user-reference"];
/** Body of `POST /cleemy-procurement/api/purchases/{id}/closing`. */
export type PurchaseClosing = NonNullable<
  operations["post-purchase-closing"]["requestBody"]
>["content"]["application/json"];
