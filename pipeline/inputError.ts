// Errors about input files, written for the person who has to fix the file.

export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
    readonly hint: string,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}. ${hint}`);
    this.name = 'InputError';
  }
}
