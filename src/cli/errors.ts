/** A bad argument or input file: the CLI prints the message on one line and exits 1. */
export class UsageError extends Error {}
