import { UserFacingError } from "../errors";

/** A .env operation was refused; the message names keys and paths, never values. */
export class EnvFileError extends UserFacingError {
  constructor(message: string) {
    super(message);
    this.name = "EnvFileError";
  }
}
