/**
 * Typed outcomes of the notice-draft services that a page or action must handle.
 */
import "server-only";

/**
 * The draft was changed (another tab saved a step, it was submitted or discarded) since the
 * caller read version `expectedVersion`: nothing was written. The wrapper answers 409; the
 * wizard reloads the draft and shows it.
 */
export class StaleDraft extends Error {
  constructor(
    readonly noticeId: string,
    readonly expectedVersion: number,
  ) {
    super(`notice ${noticeId} is no longer a draft at version ${expectedVersion}`);
    this.name = "StaleDraft";
  }
}
