import type { TileInput } from "@/lib/rules";

/** A tenancy that may give notice: every tile criterion met. Tests change one field at a time. */
export const TILE_OK: TileInput = {
  noticeRule: { months: 3, anchor: "first" },
  renovationDays: 14,
  terminated: false,
  companyStopped: false,
  propertyStopped: false,
  leaseEnded: false,
  nonTerminableUntil: null,
  terminableInPeriodFrom: null,
};
