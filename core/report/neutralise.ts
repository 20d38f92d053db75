// OWASP's CSV injection advice, for every table dondoc exports (CSV and xlsx): a text cell a spreadsheet
// would read as a formula gets a leading apostrophe, so it is shown as text; numbers stay numbers.

/**
 * A text that starts with =, +, -, @ (or their full-width forms), a tab or a carriage return, with an
 * apostrophe first: the same rule as csv-stringify's `escape_formulas`, which the CSV files use.
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(value) ? `'${value}` : value;
}

/** Any cell: a text neutralised, anything else (a number, a date, a boolean, nothing) as it is. */
export function safeCell<T>(value: T): T {
  return (typeof value === 'string' ? neutraliseCell(value) : value) as T;
}
