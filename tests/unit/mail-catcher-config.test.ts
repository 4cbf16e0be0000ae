/** scripts/start-config.ts mailCatcherDecision: the local SMTP catcher runs only with the demo services and without SMTP_URL. */
import { describe, expect, it } from "vitest";
import { demoGate, mailCatcherDecision } from "../../scripts/start-config";

describe("mailCatcherDecision", () => {
  const cases: Array<[url: string, demo: string | undefined, idp: string | undefined, smtpUrl: string | undefined, start: boolean]> = [
    ["http://localhost:3000", undefined, undefined, undefined, true],
    ["http://localhost:3000", "0", undefined, undefined, true], // the identity provider still runs
    ["http://localhost:3000", "0", "off", undefined, false],
    ["http://localhost:3000", undefined, undefined, "smtp://mail.example:587", false],
    ["http://localhost:3000", undefined, undefined, "  ", true],
    ["http://fraflyt.test:8080", undefined, undefined, undefined, false],
    ["http://fraflyt.test:8080", "1", undefined, undefined, true],
    ["https://fraflyt.dk", "1", "on", undefined, false],
    ["https://fraflyt.dk", undefined, undefined, "smtp://mail.example:587", false],
  ];
  it.each(cases)("%s FRAFLYT_DEMO=%s FRAFLYT_IDP=%s SMTP_URL=%s → start %s", (url, demo, idp, smtpUrl, start) => {
    const d = mailCatcherDecision(demoGate({ publicUrl: url, FRAFLYT_DEMO: demo, FRAFLYT_IDP: idp }), { SMTP_URL: smtpUrl });
    expect(d.start).toBe(start);
    expect(d.reason.length).toBeGreaterThan(10);
  });

  it("takes its ports from the environment, 1025 and 1080 by default", () => {
    const gate = demoGate({ publicUrl: "http://localhost:3000" });
    expect(mailCatcherDecision(gate, {})).toMatchObject({ smtpPort: 1025, httpPort: 1080 });
    expect(mailCatcherDecision(gate, { MAIL_CATCHER_SMTP_PORT: "2525", MAIL_CATCHER_HTTP_PORT: "8025" })).toMatchObject({ smtpPort: 2525, httpPort: 8025 });
  });

  it.each([["MAIL_CATCHER_SMTP_PORT", { MAIL_CATCHER_SMTP_PORT: "smtp" }], ["MAIL_CATCHER_HTTP_PORT", { MAIL_CATCHER_HTTP_PORT: "70000" }]])("refuses a bad %s", (name, env) => {
    expect(() => mailCatcherDecision(demoGate({ publicUrl: "http://localhost:3000" }), env)).toThrow(new RegExp(`${name} must be a port number`));
  });
});
