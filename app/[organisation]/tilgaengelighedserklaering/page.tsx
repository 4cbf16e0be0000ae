import { LegalPage, legalPageTitle } from "@/components/LegalPage";

type Props = { params: Promise<{ organisation: string }> };

export async function generateMetadata() {
  return { title: await legalPageTitle("accessibility") };
}

export default async function Page({ params }: Props) {
  return <LegalPage slug={(await params).organisation} kind="accessibility" />;
}
