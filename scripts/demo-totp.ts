/** Prints the current one-time codes of the demo staff and operator (demo data only). */
import { currentTotp } from "../lib/auth/totp";
import { demoOperator, demoStaff } from "../lib/demo/staff";
import { demoAutomation } from "../lib/demo/automation";

const secondsLeft = 30 - (Math.floor(Date.now() / 1000) % 30);
for (const s of demoStaff) console.log(`${currentTotp(s.totpSecret)}  ${s.email}`);
console.log(`${currentTotp(demoOperator.totpSecret)}  ${demoOperator.email} (operator)`);
console.log(`${currentTotp(demoAutomation.totpSecret)}  ${demoAutomation.email} (automation account: API key ${demoAutomation.apiKey})`);
console.log(`(valid for ${secondsLeft} more seconds)`);
