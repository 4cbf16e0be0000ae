import { redirect } from "next/navigation";
import { paths } from "@/lib/http/paths";

type Props = { params: Promise<{ organisation: string }> };

/** The tenant menu has one service today: notice of termination. */
export default async function TenantHome({ params }: Props) {
  redirect(paths.tenantHome((await params).organisation));
}
