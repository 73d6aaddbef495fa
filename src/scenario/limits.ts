/**
 * Limits on the input itself and on the work a scenario may ask for. Per-field limits (size,
 * frames, points) live in the schema; the pixel budget bounds their product and can be raised
 * per call (`--max-pixels`). On their own, so that the command line can show them in --help
 * without loading the scenario reader (YAML, zod and every option schema).
 */
export const INPUT_LIMITS = {
  /** Bytes of scenario text: scenarios are a few hundred bytes, CSV data lives in its own file. */
  bytes: 1_000_000,
  /** Nesting depth of the parsed value (the deepest real scenario is about 5). */
  depth: 32,
  /** Aliases a YAML document may resolve (a "billion laughs" document needs millions). */
  aliases: 100,
  /**
   * Values in all, each alias counted with its whole value every time it is used: a 1 MB file
   * holds at most ~500,000; a few aliases of a long list would make the validator visit millions.
   */
  values: 1_000_000,
  /** Largest magnitude of any number. */
  magnitude: 1e12,
  /** width × height × frames: about 1000 frames of 1000×1000 pixels. */
  pixels: 1_000_000_000,
} as const;
