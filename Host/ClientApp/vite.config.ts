import { defineConfig } from 'vite';

// Built into the Host's web root; the Host serves index.html at "/" and the hashed files under
// /assets/ as immutable (see Host/Dashboard/DashboardEndpoints.cs).
export default defineConfig({
  base: '/',
  build: {
    outDir: '../wwwroot',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    // The polyfill would be bundled, not inlined, but every supported browser has modulepreload.
    modulePreload: { polyfill: false },
    // Keep the CSP strict: nothing inlined as a data: script or font.
    assetsInlineLimit: 0,
  },
  // `npm run dev` / `npm run preview` against a Host started with `dotnet run --project AppHost`;
  // preview sends the Host's Content-Security-Policy so that a violation shows up before it ships.
  server: { proxy: { '/graphql': 'http://localhost:5180' } },
  preview: {
    proxy: { '/graphql': 'http://localhost:5180' },
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    },
  },
});
