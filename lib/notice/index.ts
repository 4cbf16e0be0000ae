/** The notice draft's use cases (one per file) and its steps; see docs/architecture.md "The notice draft". */
import "server-only";
export { startNotice, type StartNoticeResult } from "./start-notice";
export { saveStep, type SaveStepResult } from "./save-step";
export { discardNotice } from "./discard-notice";
export { discardExpiredDrafts } from "./discard-expired-drafts";
export { StaleDraft } from "./errors";
export type { NoticeDraft } from "./draft";
export * from "./steps";
