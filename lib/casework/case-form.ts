/** The flash-cookie key of a refused form of the case page (one per notice and refusal). */
export const caseFormKey = (noticeId: string, ref: string) => `move-out-case:${noticeId}:${ref}`;
