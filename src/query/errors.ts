// The error a statement fails with when the engine itself refuses it (not Okta): a bad value, a
// cursor for another list, a method this project does not run. Below the executor and the resource
// descriptions, so both can throw it.
export class QueryExecutionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryExecutionError';
  }
}
