/** What a query binds in place of one value (the value itself, or a placeholder for it). */
export type Bind = (value: unknown) => unknown;
