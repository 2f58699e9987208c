/** An expected failure of spec assembly: the CLI prints its message without a stack trace. */
export class SpecAssemblyError extends Error {
  override name = "SpecAssemblyError";
}
