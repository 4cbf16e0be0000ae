/** The `send-sms` job: one text message through the configured SmsProvider (lib/sms). */
import "server-only";
import { z } from "zod";
import { smsProvider } from "@/lib/sms";
import { defineJob } from "./define";

export const sendSmsPayload = z.object({
  to: z.string().regex(/^\+?\d{8,15}$/),
  text: z.string().min(1).max(1000),
});

export const sendSmsJob = defineJob({
  name: "send-sms",
  version: 1,
  payload: sendSmsPayload,
  maxAttempts: 10,
  async run(sms) {
    await smsProvider().send(sms.to, sms.text);
  },
});
