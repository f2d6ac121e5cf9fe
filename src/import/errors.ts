// Why a record cannot be imported: one line per problem, every problem at once, and nothing is written.

/** A record the import refuses; `problems` are the lines shown to the person, one per problem. */
export class ImportError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ImportError';
  }
}
