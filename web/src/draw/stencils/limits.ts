// Bounds on stencil data: what a library asset or an embedded stencil(...) may weigh before it is refused.
export const stencilLimits = {
  /** Embedded stencil(...): base64 characters, inflated characters, elements, nesting depth. */
  embeddedBase64Chars: 256 * 1024,
  embeddedInflatedChars: 1024 * 1024,
  embeddedElements: 20_000,
  embeddedDepth: 24,
  /** Embedded stencils one page may register. */
  embeddedPerPage: 500,
  /** A library asset: compressed bytes and inflated characters (the largest, AWS 4, is about 3.3 M characters). */
  libraryBytes: 4 * 1024 * 1024,
  libraryChars: 12 * 1024 * 1024,
  /** Libraries one diagram may load, and how long one load may take. */
  librariesPerDiagram: 40,
  loadTimeoutMs: 20_000,
};
