/** What the form designer's property panel shows. */
export type Selection = { kind: 'form' } | { kind: 'field'; itemId: string } | { kind: 'section'; index: number };
