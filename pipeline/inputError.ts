// Errors about input files, written for the person who has to fix the file.

export class InputError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly reason: string;
  readonly hint: string;

  constructor(file: string, line: number | undefined, reason: string, hint: string) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${reason}. ${hint}`);
    this.name = 'InputError';
    this.file = file;
    this.line = line;
    this.reason = reason;
    this.hint = hint;
  }
}
