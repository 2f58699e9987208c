import { LuccaError } from "../index.js";

/** A bad argument to the mock (an unknown operation, an answer it cannot give), thrown at once. */
export class LuccaMockError extends LuccaError {
  override name = "LuccaMockError";
}
