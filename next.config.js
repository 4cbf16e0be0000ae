// @ts-check
const createNextIntlPlugin = require("next-intl/plugin");

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Server-only packages that must not be bundled (they load files or workers at run time).
  serverExternalPackages: ["pino", "@electric-sql/pglite", "oidc-provider", "date-holidays", "pdfkit", "read-excel-file"],
  experimental: {
    // The tenancy import uploads a back-office export of up to 50 MB through a server action
    // (app/[organisation]/admin/import/actions.ts). Every other action keeps the wrapper's own cap
    // (lib/http/wrappers.ts, 64 KiB by default); the proxy must pass the whole body on, not its first 10 MB.
    serverActions: { bodySizeLimit: "51mb" },
    proxyClientMaxBodySize: "51mb",
  },
  typedRoutes: false,
  // Headers that never change. The per-request ones (CSP with its nonce, HSTS, no-store on
  // authenticated answers) are set in proxy.ts; see lib/http/security-headers.ts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
