import { getTranslations } from "next-intl/server";
import type { TenancyTile } from "@/lib/tenancy/tile";

/** A tenancy's tile status as staff see it: may give notice online, or every reason why not (and the dates the tile names). */
export async function TileStatus({ tile, compact = false }: { tile: TenancyTile; compact?: boolean }) {
  const t = await getTranslations("adminTenancies");
  const dates = [
    tile.terminatedOn ? t("tile.terminatedOn", { date: tile.terminatedOn }) : null,
    tile.stoppedOn ? t("tile.stoppedOn", { date: tile.stoppedOn }) : null,
    tile.terminableFrom ? t("tile.terminableFrom", { date: tile.terminableFrom }) : null,
  ].filter((x): x is string => x !== null);
  return (
    <div data-testid="tile-status" data-ok={tile.ok ? "true" : "false"}>
      <span className={`inline-block rounded px-2 py-0.5 text-sm font-semibold ${tile.ok ? "bg-green-100 text-green-900" : "bg-amber-100 text-amber-900"}`}>{tile.ok ? t("tile.ok") : t("tile.blocked")}</span>
      {tile.reasons.length ? (
        <ul className={compact ? "mt-1 text-sm" : "mt-2 list-disc pl-5"} data-testid="tile-reasons">
          {tile.reasons.map((r) => (
            <li key={r} data-reason={r}>
              {t(`reasons.${r}`)}
            </li>
          ))}
        </ul>
      ) : null}
      {!compact && dates.length ? <p className="mt-1 text-sm text-muted">{dates.join(" · ")}</p> : null}
    </div>
  );
}
