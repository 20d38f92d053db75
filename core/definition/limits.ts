// The bounds on what dondoc reads from a campaign's files: checked before anything is parsed further, so that a
// hostile or mistaken file is refused with a clear message instead of exhausting memory or time.

/** The largest campaign file or units CSV dondoc reads: 20 MiB (a campaign of 100,000 units is about 10 MiB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;

/** The most units a campaign may have, inline and from its units CSV together. */
export const MAX_UNITS = 100_000;
